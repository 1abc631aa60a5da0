//! A region's matrix as CSV for spreadsheets, in the dialect German Excel
//! opens with a double click: UTF-8 with a byte order mark, `;` between
//! fields, CRLF line ends, fields quoted as RFC 4180 says (when they hold
//! `;`, `"` or a line break; quotes doubled). Header `Tätigkeitsbereich;<partner
//! names…>`, one row per area, cells like `federführend (A, D)`.

use super::super::theme::Theme;
use crate::model::Level;
use crate::view::RegionView;

/// The interface strings a CSV needs.
pub struct Labels {
    area: String,
    lead: String,
    involved: String,
    informs: String,
}

impl Labels {
    /// The labels from the theme's strings.
    pub fn from_theme(theme: &Theme) -> Self {
        Labels {
            area: theme.string("matrix.area"),
            lead: theme.string("matrix.level.lead"),
            involved: theme.string("matrix.level.involved"),
            informs: theme.string("matrix.level.informs"),
        }
    }

    fn level(&self, level: Level) -> &str {
        match level {
            Level::Lead => &self.lead,
            Level::Involved => &self.involved,
            Level::Informs => &self.informs,
        }
    }
}

/// The separator between fields.
pub const SEPARATOR: char = ';';

/// The matrix of `region` as CSV bytes.
pub fn matrix(region: &RegionView, labels: &Labels) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let header = std::iter::once(labels.area.as_str())
        .chain(region.matrix.columns.iter().map(|c| c.name.as_str()));
    push_record(&mut out, header);
    for row in &region.matrix.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|cell| match cell {
                None => String::new(),
                Some(cell) if cell.groups.is_empty() => labels.level(cell.level).to_string(),
                Some(cell) => {
                    let symbols: Vec<&str> =
                        cell.groups.iter().map(|g| g.symbol.as_str()).collect();
                    format!("{} ({})", labels.level(cell.level), symbols.join(", "))
                }
            })
            .collect();
        push_record(
            &mut out,
            std::iter::once(row.name.as_str()).chain(cells.iter().map(String::as_str)),
        );
    }
    out.into_bytes()
}

fn push_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (index, field) in fields.enumerate() {
        if index > 0 {
            out.push(SEPARATOR);
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

fn push_field(out: &mut String, field: &str) {
    // A leading = + - @ would make a spreadsheet read the cell as a formula.
    let guarded;
    let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{field}");
        guarded.as_str()
    } else {
        field
    };
    if field.contains([SEPARATOR, '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_not_read_as_formulas() {
        let mut out = String::new();
        push_record(&mut out, ["=HYPERLINK(\"x\")", "@a", "ok"].into_iter());
        assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\")\";'@a;ok\r\n");
    }

    #[test]
    fn quotes_only_what_needs_quoting() {
        let mut out = String::new();
        push_record(
            &mut out,
            [
                "plain",
                "a;b",
                "say \"hi\"",
                "two\nlines",
                "federführend (A, D)",
            ]
            .into_iter(),
        );
        assert_eq!(
            out,
            "plain;\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";federführend (A, D)\r\n"
        );
    }
}
