//! A Markdown table in a region that scrolls sideways by itself, so that a
//! table wider than a phone's screen does not widen the page (WCAG 1.4.10,
//! reflow). The region takes the keyboard focus, to be scrolled without a
//! mouse, and is named by the theme's label and the table's column headers:
//! "Tabelle: Zeitpunkt, Schritt, Ergebnis".

use super::attr;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::BTreeSet;

/// The tables of one Markdown text, as its events pass.
#[derive(Default)]
pub(super) struct Tables {
    /// The table being read: where its region's opening tag goes, and its
    /// column headers so far.
    open: Option<Open>,
    /// The names given so far: a second table with the same headers gets a
    /// number, so that every region's name is its own.
    used: BTreeSet<String>,
}

struct Open {
    at: usize,
    headers: Vec<String>,
    in_head: bool,
}

impl Tables {
    /// A table starts; its region's opening tag goes to event `at`.
    pub(super) fn start(&mut self, at: usize) {
        self.open = Some(Open {
            at,
            headers: Vec::new(),
            in_head: false,
        });
    }

    /// Take in an event inside a table: the text of its header row.
    pub(super) fn read(&mut self, event: &Event<'_>) {
        let Some(open) = &mut self.open else { return };
        match event {
            Event::Start(Tag::TableHead) => open.in_head = true,
            Event::End(TagEnd::TableHead) => open.in_head = false,
            Event::Start(Tag::TableCell) if open.in_head => open.headers.push(String::new()),
            Event::Text(text) | Event::Code(text) if open.in_head => {
                if let Some(cell) = open.headers.last_mut() {
                    cell.push_str(text);
                }
            }
            _ => {}
        }
    }

    /// The table ends: where its region's opening tag goes, and the tag.
    pub(super) fn end(&mut self, label: &str) -> Option<(usize, String)> {
        let open = self.open.take()?;
        let headers: Vec<&str> = open
            .headers
            .iter()
            .map(|cell| cell.trim())
            .filter(|cell| !cell.is_empty())
            .collect();
        let base = if headers.is_empty() {
            label.to_string()
        } else {
            format!("{label}: {}", headers.join(", "))
        };
        let mut name = base.clone();
        let mut number = 2;
        while !self.used.insert(name.clone()) {
            name = format!("{base} ({number})");
            number += 1;
        }
        let tag = format!(
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
            attr(&name)
        );
        Some((open.at, tag))
    }
}
