//! Schaubilder: inline SVG drawn at build time from the data, no JavaScript.
//!
//! Two diagrams: a region's partner network with its hand-offs (partners on a
//! circle, numbered arrows that match the hand-off table), and the path of a
//! refugee through the institutions (stages from `catalog/path.yaml`, with the
//! responsible institutions, or a region's own partners). Each SVG has a
//! `<title>` and a `<desc>` that tells the whole content in words.

use crate::markdown::attr as escape;
use crate::model::{Catalog, Region};
use serde::Serialize;
use std::fmt::Write;

/// Finished SVG markup, safe to embed in HTML.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Svg(pub String);

const NODE_W: f64 = 156.0;
const NODE_H: f64 = 58.0;

/// The partner network of a region: partners on a circle, hand-offs as arrows.
pub fn partner_network(catalog: &Catalog, region: &Region) -> Svg {
    let n = region.partners.len().max(1);
    // An ellipse wide enough that neighbouring boxes keep a gap.
    let radius = (n as f64 * (NODE_W + 24.0) / std::f64::consts::TAU).max(120.0);
    let (rx, ry) = (radius * 1.15, radius * 0.95);
    let width = 2.0 * rx + NODE_W + 40.0;
    let height = 2.0 * ry + NODE_H + 40.0;
    let (cx, cy) = (width / 2.0, height / 2.0);
    let position = |index: usize| {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * index as f64 / n as f64;
        (cx + rx * angle.cos(), cy + ry * angle.sin())
    };
    let index_of = |id: &str| region.partners.iter().position(|p| p.id == id);
    let id = format!("netz-{}", region.slug);
    let mut desc = format!(
        "Netzwerk der Partner in {}: {} Partner, {} Übergaben. ",
        region.name,
        region.partners.len(),
        region.handoffs.len()
    );
    for (number, handoff) in region.handoffs.iter().enumerate() {
        let name = |pid: &str| {
            region
                .partner(pid)
                .map_or(pid, |p| p.name.as_str())
                .to_string()
        };
        let _ = write!(
            desc,
            "{}: {} an {} bei {}. ",
            number + 1,
            name(&handoff.from),
            name(&handoff.to),
            handoff.trigger
        );
    }
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">Partnernetzwerk {name}</title><desc id="{id}-d">{desc}</desc><defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#1d3a5f"/></marker></defs>"##,
        name = escape(&region.name),
        desc = escape(desc.trim()),
    );
    for (number, handoff) in region.handoffs.iter().enumerate() {
        let (Some(from), Some(to)) = (index_of(&handoff.from), index_of(&handoff.to)) else {
            continue;
        };
        let ((x1, y1), (x2, y2)) = (position(from), position(to));
        // Offset parallel arrows (A→B and B→A) to the side so both stay visible.
        let (dx, dy) = (x2 - x1, y2 - y1);
        let length = (dx * dx + dy * dy).sqrt().max(1.0);
        let (nx, ny) = (-dy / length * 7.0, dx / length * 7.0);
        let (sx, sy) = clip(x1 + nx, y1 + ny, x2 + nx, y2 + ny);
        let (ex, ey) = clip(x2 + nx, y2 + ny, x1 + nx, y1 + ny);
        let _ = write!(
            svg,
            r##"<g class="handoff"><line x1="{sx:.1}" y1="{sy:.1}" x2="{ex:.1}" y2="{ey:.1}" stroke="#1d3a5f" stroke-width="1.6" marker-end="url(#{id}-arrow)"/><circle cx="{mx:.1}" cy="{my:.1}" r="10" fill="#ffffff" stroke="#1d3a5f"/><text x="{mx:.1}" y="{ty:.1}" text-anchor="middle" font-size="11" fill="#1d3a5f">{num}</text></g>"##,
            mx = (sx + ex) / 2.0,
            my = (sy + ey) / 2.0,
            ty = (sy + ey) / 2.0 + 4.0,
            num = number + 1,
        );
    }
    for (index, partner) in region.partners.iter().enumerate() {
        let (x, y) = position(index);
        let short = catalog
            .institutions
            .iter()
            .find(|i| i.id == partner.institution)
            .map_or("", |i| i.short.as_str());
        let organiser = region.organisers.contains(&partner.id);
        let lines = wrap(&partner.name, 27);
        let _ = write!(
            svg,
            r##"<g class="partner"><rect x="{rx:.1}" y="{ry:.1}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="{fill}" stroke="#1d3a5f" stroke-width="{stroke}"/><text x="{x:.1}" y="{t1:.1}" text-anchor="middle" font-size="12" font-weight="bold" fill="#102030">{short}</text>"##,
            rx = x - NODE_W / 2.0,
            ry = y - NODE_H / 2.0,
            fill = if organiser { "#fff4d6" } else { "#ffffff" },
            stroke = if organiser { "2.5" } else { "1.2" },
            t1 = y - 12.0,
            short = escape(short),
        );
        for (line_index, line) in lines.iter().take(3).enumerate() {
            let _ = write!(
                svg,
                r##"<text x="{x:.1}" y="{ty:.1}" text-anchor="middle" font-size="10" fill="#102030">{text}</text>"##,
                ty = y + 2.0 + 11.0 * line_index as f64,
                text = escape(line),
            );
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    Svg(svg)
}

/// Where the line from (x1, y1) to (x2, y2) leaves the node box around (x1, y1).
fn clip(x1: f64, y1: f64, x2: f64, y2: f64) -> (f64, f64) {
    let (dx, dy) = (x2 - x1, y2 - y1);
    let scale_x = if dx.abs() > 0.0 {
        (NODE_W / 2.0 + 4.0) / dx.abs()
    } else {
        f64::INFINITY
    };
    let scale_y = if dy.abs() > 0.0 {
        (NODE_H / 2.0 + 4.0) / dy.abs()
    } else {
        f64::INFINITY
    };
    let scale = scale_x.min(scale_y).min(1.0);
    (x1 + dx * scale, y1 + dy * scale)
}

/// The path of a refugee through the institutions; with a region, the
/// region's own partners stand at each stage.
pub fn refugee_path(catalog: &Catalog, region: Option<&Region>) -> Svg {
    const WIDTH: f64 = 680.0;
    const BOX_W: f64 = 600.0;
    const GAP: f64 = 34.0;
    let id = region.map_or_else(|| "weg".to_string(), |r| format!("weg-{}", r.slug));
    let stages: Vec<(String, Vec<String>)> = catalog
        .path
        .iter()
        .map(|stage| {
            let who: Vec<String> = match region {
                Some(region) => region
                    .partners
                    .iter()
                    .filter(|p| stage.institutions.contains(&p.institution))
                    .map(|p| p.name.clone())
                    .collect(),
                None => stage
                    .institutions
                    .iter()
                    .filter_map(|i| catalog.institutions.iter().find(|c| &c.id == i))
                    .map(|i| i.name.clone())
                    .collect(),
            };
            (stage.title.clone(), who)
        })
        .collect();
    let mut desc = String::from("Weg durch die Institutionen: ");
    for (number, (title, who)) in stages.iter().enumerate() {
        let who = if who.is_empty() {
            "keine Stelle erfasst".to_string()
        } else {
            who.join(", ")
        };
        let _ = write!(desc, "{}. {title} – zuständig: {who}. ", number + 1);
    }
    let mut boxes = String::new();
    let mut y = 10.0;
    for (number, (title, who)) in stages.iter().enumerate() {
        let who_text = if who.is_empty() {
            "–".to_string()
        } else {
            who.join(" · ")
        };
        let lines = wrap(&who_text, 80);
        let height = 34.0 + 16.0 * lines.len() as f64;
        let _ = write!(
            boxes,
            r##"<g class="stage"><rect x="40" y="{y:.0}" width="{BOX_W}" height="{height:.0}" rx="8" fill="#eef3f8" stroke="#1d3a5f" stroke-width="1.2"/><circle cx="40" cy="{cy:.0}" r="14" fill="#1d3a5f"/><text x="40" y="{ny:.0}" text-anchor="middle" font-size="13" font-weight="bold" fill="#ffffff">{num}</text><text x="64" y="{ty:.0}" font-size="15" font-weight="bold" fill="#102030">{title}</text>"##,
            cy = y + 17.0,
            ny = y + 22.0,
            ty = y + 22.0,
            num = number + 1,
            title = escape(title),
        );
        for (line_index, line) in lines.iter().enumerate() {
            let _ = write!(
                boxes,
                r##"<text x="64" y="{ly:.0}" font-size="12" fill="#102030">{text}</text>"##,
                ly = y + 42.0 + 16.0 * line_index as f64,
                text = escape(line),
            );
        }
        boxes.push_str("</g>");
        y += height;
        if number + 1 < stages.len() {
            let _ = write!(
                boxes,
                r##"<line x1="340" y1="{y1:.0}" x2="340" y2="{y2:.0}" stroke="#1d3a5f" stroke-width="2" marker-end="url(#{id}-arrow)"/>"##,
                y1 = y + 2.0,
                y2 = y + GAP - 2.0,
            );
            y += GAP;
        }
    }
    let height = y + 10.0;
    let title = match region {
        Some(region) => format!("Weg durch die Institutionen in {}", region.name),
        None => "Weg durch die Institutionen".to_string(),
    };
    Svg(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 {WIDTH:.0} {height:.0}" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc><defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#1d3a5f"/></marker></defs>{boxes}</svg>"##,
        title = escape(&title),
        desc = escape(desc.trim()),
    ))
}

/// Greedy word wrap at `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_width() {
        assert_eq!(
            wrap("Jobcenter Landkreis Zwickau Standort", 16),
            vec!["Jobcenter", "Landkreis", "Zwickau Standort"]
        );
    }

    #[test]
    fn clip_stays_on_box_edge() {
        let (x, y) = clip(0.0, 0.0, 1000.0, 0.0);
        assert!((x - (NODE_W / 2.0 + 4.0)).abs() < 1e-9 && y == 0.0);
    }
}
