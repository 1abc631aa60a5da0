//! The regions grouped by federal state, for the region lists of a site whose
//! regions lie in more than one (a nationwide site has hundreds of regions in
//! sixteen states). The templates group only when there are two groups or
//! more; a site of one state keeps its plain lists.

use super::RegionView;
use crate::model::FederalState;
use serde::Serialize;

/// The regions of one federal state, or of none named.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct StateGroup {
    /// The state; `None` for the regions that name none.
    pub state: Option<FederalState>,
    /// Indices into the site's regions, in the site's order (by name).
    pub regions: Vec<usize>,
}

/// `regions` grouped by state: the states in alphabetical order of their
/// German names, then the regions that name no state.
pub fn by_state(regions: &[RegionView]) -> Vec<StateGroup> {
    group(regions.iter().map(|region| region.federal_state))
}

fn group(states: impl Iterator<Item = Option<FederalState>>) -> Vec<StateGroup> {
    let mut groups: Vec<StateGroup> = Vec::new();
    for (index, state) in states.enumerate() {
        match groups.iter_mut().find(|group| group.state == state) {
            Some(group) => group.regions.push(index),
            None => groups.push(StateGroup {
                state,
                regions: vec![index],
            }),
        }
    }
    // `None` sorts first among options; the regions without a state go last.
    groups.sort_by_key(|group| (group.state.is_none(), group.state));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use FederalState::{Bayern, Sachsen, Thueringen};

    fn groups(states: &[Option<FederalState>]) -> Vec<(Option<FederalState>, Vec<usize>)> {
        group(states.iter().copied())
            .into_iter()
            .map(|group| (group.state, group.regions))
            .collect()
    }

    #[test]
    fn states_in_alphabetical_order_regions_in_site_order_unnamed_last() {
        let states = [
            Some(Thueringen),
            None,
            Some(Sachsen),
            Some(Bayern),
            Some(Sachsen),
            None,
        ];
        assert_eq!(
            groups(&states),
            vec![
                (Some(Bayern), vec![3]),
                (Some(Sachsen), vec![2, 4]),
                (Some(Thueringen), vec![0]),
                (None, vec![1, 5]),
            ]
        );
    }

    #[test]
    fn one_state_or_none_is_one_group() {
        assert_eq!(
            groups(&[Some(Sachsen), Some(Sachsen)]),
            vec![(Some(Sachsen), vec![0, 1])]
        );
        assert_eq!(groups(&[None, None]), vec![(None, vec![0, 1])]);
        assert_eq!(groups(&[]), vec![]);
    }

    #[test]
    fn the_declared_order_is_the_order_of_the_german_names() {
        let names = [
            "baden-wuerttemberg",
            "bayern",
            "berlin",
            "brandenburg",
            "bremen",
            "hamburg",
            "hessen",
            "mecklenburg-vorpommern",
            "niedersachsen",
            "nordrhein-westfalen",
            "rheinland-pfalz",
            "saarland",
            "sachsen",
            "sachsen-anhalt",
            "schleswig-holstein",
            "thueringen",
        ];
        let states: Vec<FederalState> = names
            .iter()
            .map(|name| serde_json::from_value(serde_json::json!(name)).expect("a state"))
            .collect();
        let mut sorted = states.clone();
        sorted.sort();
        assert_eq!(sorted, states);
        let mut by_name = names.to_vec();
        by_name.sort();
        assert_eq!(by_name, names);
    }
}
