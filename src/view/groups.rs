//! The target groups as views show them: one shared value per target group
//! of the catalogue, however often matrix cells and lists name it (the
//! matrices of 400 regions name them 140 000 times), and one template value
//! per group, made on first use.

use crate::model;
use serde::Serialize;
use std::sync::{Arc, OnceLock};

/// A target group as shown in a cell or a list; its clones share one
/// [`Group`].
#[derive(Debug, Clone)]
pub struct GroupRef(Arc<Group>);

/// What a [`GroupRef`] shows.
#[derive(Debug, Serialize)]
pub struct Group {
    /// Id.
    pub id: String,
    /// Letter.
    pub symbol: String,
    /// Name.
    pub name: String,
    /// Colour.
    pub colour: String,
    /// The group as a template value, made once and then shared.
    #[serde(skip)]
    value: OnceLock<minijinja::Value>,
}

impl std::ops::Deref for GroupRef {
    type Target = Group;

    fn deref(&self) -> &Group {
        &self.0
    }
}

impl Serialize for GroupRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if minijinja::value::serializing_for_value() {
            // Templates get the same value wherever the group appears.
            self.0
                .value
                .get_or_init(|| minijinja::Value::from(minijinja::value::Serde(&*self.0)))
                .serialize(serializer)
        } else {
            self.0.serialize(serializer)
        }
    }
}

/// The target groups of a catalogue, each once, for the views to share.
#[derive(Debug)]
pub(crate) struct Groups(Vec<GroupRef>);

impl Groups {
    /// The target groups of `catalog`.
    pub(crate) fn new(catalog: &model::Catalog) -> Groups {
        Groups(
            catalog
                .target_groups
                .iter()
                .map(|g| {
                    GroupRef(Arc::new(Group {
                        id: g.id.clone(),
                        symbol: g.symbol.clone(),
                        name: g.name.clone(),
                        colour: g.colour.clone(),
                        value: OnceLock::new(),
                    }))
                })
                .collect(),
        )
    }

    /// The target group with id `id`, if the catalogue has it.
    pub(crate) fn get(&self, id: &str) -> Option<GroupRef> {
        self.0.iter().find(|g| g.id == id).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::value::Serde;
    use minijinja::Value;

    fn groups() -> Groups {
        let catalog: model::Catalog = model::Catalog {
            target_groups: vec![model::TargetGroup {
                id: "geduldete".into(),
                symbol: "D".into(),
                name: "Geduldete".into(),
                colour: "#561672".into(),
                term: "duldung".into(),
            }],
            ..Default::default()
        };
        Groups::new(&catalog)
    }

    #[test]
    fn a_group_reads_the_same_in_templates_and_in_data() {
        let groups = groups();
        let group = groups.get("geduldete").expect("in the catalogue");
        assert!(groups.get("unbekannt").is_none());
        let cells = vec![group.clone(), groups.get("geduldete").expect("again")];
        let env = minijinja::Environment::new();
        let shown = env
            .render_str(
                "{% for g in cells %}{{ g.id }} {{ g.symbol }} {{ g.name }} {{ g.colour }};{% endfor %}",
                minijinja::context! { cells => Value::from(Serde(&cells)) },
            )
            .expect("renders");
        assert_eq!(
            shown,
            "geduldete D Geduldete #561672;geduldete D Geduldete #561672;"
        );
        assert_eq!(
            serde_json::to_string(&group).expect("json"),
            r##"{"id":"geduldete","symbol":"D","name":"Geduldete","colour":"#561672"}"##
        );
    }
}
