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
    /// The class that gives its badge its colour (see [`stylesheet`]).
    pub class: String,
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
                .enumerate()
                .map(|(index, g)| {
                    GroupRef(Arc::new(Group {
                        id: g.id.clone(),
                        symbol: g.symbol.clone(),
                        name: g.name.clone(),
                        colour: g.colour.clone(),
                        class: class(index),
                        value: OnceLock::new(),
                    }))
                })
                .collect(),
        )
    }

    /// Every target group, in catalogue order.
    pub(crate) fn all(&self) -> &[GroupRef] {
        &self.0
    }

    /// The target group with id `id`, if the catalogue has it.
    pub(crate) fn get(&self, id: &str) -> Option<GroupRef> {
        self.0.iter().find(|g| g.id == id).cloned()
    }
}

/// The class of the `index`-th target group of the catalogue: `tg-1`, `tg-2`
/// … (ids may hold characters a class name cannot).
fn class(index: usize) -> String {
    format!("tg-{}", index + 1)
}

/// The stylesheet that colours the badges of `groups`: one rule per group,
/// so that pages carry a class instead of a `style` attribute on every
/// badge. Colours are checked to be `#rrggbb`.
pub fn stylesheet(groups: &[GroupRef]) -> String {
    groups
        .iter()
        .map(|g| format!(".{} {{ background-color: {}; }}\n", g.class, g.colour))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::value::Serde;
    use minijinja::Value;

    fn groups() -> Groups {
        Groups::new(&model::Catalog {
            target_groups: vec![model::TargetGroup {
                id: "geduldete".into(),
                symbol: "D".into(),
                name: "Geduldete".into(),
                colour: "#561672".into(),
                term: "duldung".into(),
            }],
            ..Default::default()
        })
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
        assert_eq!(group.class, "tg-1");
        assert_eq!(
            stylesheet(groups.all()),
            ".tg-1 { background-color: #561672; }\n"
        );
        assert_eq!(
            serde_json::to_string(&group).expect("json"),
            r##"{"id":"geduldete","symbol":"D","name":"Geduldete","colour":"#561672","class":"tg-1"}"##
        );
    }
}
