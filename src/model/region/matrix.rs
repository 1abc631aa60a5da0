//! Who does what between a region's partners: the responsibility matrix and
//! the hand-offs.

use super::{Cursor, Refs};
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::model::raw::{RawHandoff, RawMatrixRow};
use crate::model::validate::check_ref;
use crate::model::{Cell, Handoff, MatrixRow};

/// Check a region's matrix; its rows come back in the catalogue's order of
/// activity areas.
pub(super) fn matrix(
    refs: &Refs,
    raw: Vec<RawMatrixRow>,
    diagnostics: &mut Diagnostics,
) -> Vec<MatrixRow> {
    let (file, catalog) = (refs.file, refs.catalog);
    let mut matrix = Vec::new();
    let mut seen_areas = Vec::new();
    let mut cursor = Cursor::default();
    for row in raw {
        let line = cursor.advance(file.find_value("area", &row.area, cursor.line()));
        if check_ref(
            file,
            "area",
            &row.area,
            "activity area",
            catalog.areas.iter().map(|a| a.id.as_str()),
            1,
            diagnostics,
        ) && seen_areas.contains(&row.area)
        {
            diagnostics.push(
                Diagnostic::error(format!(
                    "activity area `{}` has two rows in the matrix",
                    row.area
                ))
                .at(file.find_value("area", &row.area, line + 1))
                .hint("merge the cells into one row"),
            );
        }
        seen_areas.push(row.area.clone());
        // Where the `partner:` of cell `index` stands, for a message: each
        // is searched below the previous one's, so that a repeated partner
        // is found where it is repeated.
        let cell_at = |index: usize| {
            let (mut next, mut at) = (line, Location::file(file.path.clone()));
            for cell in &row.cells[..=index] {
                at = file.find_value("partner", &cell.partner, next);
                next = next.max(at.line + 1);
            }
            at
        };
        for (index, cell) in row.cells.iter().enumerate() {
            check_ref(
                file,
                "partner",
                &cell.partner,
                "partner",
                refs.partners(),
                line,
                diagnostics,
            );
            if row.cells[..index].iter().any(|c| c.partner == cell.partner) {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "partner `{}` appears twice in the row `{}`",
                        cell.partner, row.area
                    ))
                    .at(cell_at(index))
                    .hint("give each partner one cell per row"),
                );
            }
            for group in &cell.groups {
                check_ref(
                    file,
                    "groups",
                    group,
                    "target group",
                    refs.groups(),
                    line,
                    diagnostics,
                );
            }
        }
        let cells = row
            .cells
            .into_iter()
            .map(|cell| Cell {
                partner: cell.partner,
                level: cell.level,
                groups: cell.groups,
            })
            .collect();
        matrix.push(MatrixRow {
            area: row.area,
            cells,
        });
    }
    let area_order = |id: &str| {
        catalog
            .areas
            .iter()
            .position(|a| a.id == id)
            .unwrap_or(usize::MAX)
    };
    matrix.sort_by_key(|row| area_order(&row.area));

    matrix
}

/// Check a region's hand-offs.
pub(super) fn handoffs(
    refs: &Refs,
    raw: Vec<RawHandoff>,
    diagnostics: &mut Diagnostics,
) -> Vec<Handoff> {
    let file = refs.file;
    let mut handoffs = Vec::new();
    let mut cursor = Cursor::default();
    for handoff in raw {
        let line = cursor
            .advance(file.find_value("trigger", &handoff.trigger, cursor.line()))
            .saturating_sub(2)
            .max(1);
        check_ref(
            file,
            "from",
            &handoff.from,
            "partner",
            refs.partners(),
            line,
            diagnostics,
        );
        check_ref(
            file,
            "to",
            &handoff.to,
            "partner",
            refs.partners(),
            line,
            diagnostics,
        );
        if handoff.from == handoff.to {
            diagnostics.push(
                Diagnostic::error(format!("hand-off from `{}` to itself", handoff.from))
                    .at(file.find_value("to", &handoff.to, line))
                    .hint("a hand-off connects two different partners"),
            );
        }
        handoffs.push(Handoff {
            from: handoff.from,
            to: handoff.to,
            trigger: handoff.trigger,
            passes: handoff.passes,
        });
    }

    handoffs
}
