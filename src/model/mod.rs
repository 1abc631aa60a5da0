//! The content model: raw serde mirrors (`raw`), validated types (this module),
//! contact data (`contact`, the only home of contacts) and validation
//! (`validate`, `region`), which turns raw files into a [`Site`] or diagnostics.

mod catalog;
pub mod contact;
mod date;
mod markdown;
mod memo;
pub mod raw;
mod region;
mod validate;

pub use contact::{Contact, ContactAt, InternalNote};
pub use date::Date;
pub(crate) use markdown::fold_map;
pub use markdown::Markdown;
pub use memo::RegionMemo;
pub use raw::{FederalState, Level, MeetingKind, NetworkStatus, RecommendationStatus, RegionKind};
pub use region::{CONFIRMATION_DAYS, MAX_PARTICIPANTS};
pub use validate::{validate, validate_with};

use crate::config::SiteConfig;
use serde::Serialize;
use std::collections::HashMap;

/// The whole validated site: every reference resolved, every value checked.
#[derive(Debug)]
pub struct Site {
    /// Settings from `site.yaml`.
    pub config: SiteConfig,
    /// Guide pages in reading order.
    pub guide: Vec<GuidePage>,
    /// The glossary.
    pub glossary: Glossary,
    /// Catalogues shared by all regions.
    pub catalog: Catalog,
    /// Regions, ordered by name.
    pub regions: Vec<std::sync::Arc<Region>>,
}

/// A page of the practice guide.
#[derive(Debug)]
pub struct GuidePage {
    /// URL slug (the file name).
    pub slug: String,
    /// Title.
    pub title: String,
    /// Sort key.
    pub weight: i64,
    /// One sentence for link previews.
    pub description: Option<String>,
    /// The page's Markdown.
    pub body: Markdown,
}

/// A glossary entry.
#[derive(Debug)]
pub struct Term {
    /// URL slug (the file name).
    pub slug: String,
    /// The term.
    pub term: String,
    /// Short English gloss.
    pub gloss: String,
    /// Other spellings that `[[…]]` links may use.
    pub aliases: Vec<String>,
    /// Legal basis.
    pub legal_basis: String,
    /// Definition (the file's body).
    pub definition: Markdown,
    /// Access to the labour market.
    pub labour_market: Markdown,
    /// Benefit system.
    pub benefits: Markdown,
    /// Responsible institutions.
    pub responsible: Markdown,
    /// Slugs of related terms.
    pub related: Vec<String>,
    /// Sources.
    pub sources: Vec<Source>,
    /// The date the entry states the law.
    pub stand: Date,
    /// Facts not yet confirmed.
    pub unconfirmed: Vec<String>,
}

/// A cited source.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
}

/// The glossary, ordered by term, with a lookup by name, alias and slug.
#[derive(Debug, Default)]
pub struct Glossary {
    /// Terms in alphabetical order.
    pub terms: Vec<Term>,
    lookup: HashMap<String, usize>,
}

impl Glossary {
    /// A glossary of terms already checked for unique keys.
    pub(crate) fn new(terms: Vec<Term>, lookup: HashMap<String, usize>) -> Self {
        Glossary { terms, lookup }
    }

    /// The term a `[[…]]` target names: its name, an alias or its slug, any case.
    pub fn find(&self, target: &str) -> Option<&Term> {
        self.lookup
            .get(&lookup_key(target))
            .map(|&index| &self.terms[index])
    }
}

impl crate::markdown::TermResolver for Glossary {
    fn resolve(&self, target: &str) -> Option<crate::markdown::TermLink> {
        self.find(target).map(|term| crate::markdown::TermLink {
            href: format!("/glossar/{}/", term.slug),
            title: term.term.clone(),
        })
    }
}

impl Site {
    /// Every Markdown text of the site.
    pub fn markdowns(&self) -> Vec<&Markdown> {
        let mut all = self.shared_markdowns();
        for region in &self.regions {
            all.extend(region.markdowns());
        }
        all
    }

    /// The Markdown texts outside the regions: guide, glossary, catalogue.
    pub fn shared_markdowns(&self) -> Vec<&Markdown> {
        let mut all: Vec<&Markdown> = self.guide.iter().map(|p| &p.body).collect();
        for term in &self.glossary.terms {
            all.extend([
                &term.definition,
                &term.labour_market,
                &term.benefits,
                &term.responsible,
            ]);
        }
        all.extend(self.catalog.institutions.iter().map(|i| &i.tasks));
        all
    }
}

/// The key under which a term name, alias or slug is looked up.
pub fn lookup_key(text: &str) -> String {
    text.trim().to_lowercase()
}

/// Catalogues shared by all regions.
#[derive(Debug, Default)]
pub struct Catalog {
    /// Institution types.
    pub institutions: Vec<Institution>,
    /// Activity areas, in the order of the matrix.
    pub areas: Vec<Area>,
    /// Target groups.
    pub target_groups: Vec<TargetGroup>,
    /// Stages of the path through the institutions.
    pub path: Vec<Stage>,
}

/// A stage of the path of a refugee through the institutions.
#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// One or two sentences.
    pub description: String,
    /// Institution type ids responsible at this stage.
    pub institutions: Vec<String>,
}

/// An institution type.
#[derive(Debug)]
pub struct Institution {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Abbreviation.
    pub short: String,
    /// Legal mandate.
    pub mandate: String,
    /// Tasks (Markdown).
    pub tasks: Markdown,
    /// Target groups it serves.
    pub target_groups: Vec<String>,
    /// Whether it is an optional partner.
    pub optional: bool,
}

/// An activity area of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Area {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// One sentence.
    pub description: String,
}

/// A target group with its symbol and colour.
#[derive(Debug, Clone, Serialize)]
pub struct TargetGroup {
    /// Id.
    pub id: String,
    /// One-letter symbol.
    pub symbol: String,
    /// Name.
    pub name: String,
    /// Background colour (`#rrggbb`), always shown with the symbol.
    pub colour: String,
    /// Slug of the glossary term.
    pub term: String,
}

/// A region with its network.
#[derive(Debug)]
pub struct Region {
    /// URL slug (the file name).
    pub slug: String,
    /// Name.
    pub name: String,
    /// Administrative kind.
    pub kind: RegionKind,
    /// The district a town belongs to.
    pub parent: Option<String>,
    /// The federal state the region lies in.
    pub federal_state: Option<FederalState>,
    /// Summary (Markdown).
    pub summary: Markdown,
    /// Whether the data is example data.
    pub example_data: bool,
    /// Status of the network.
    pub network_status: NetworkStatus,
    /// Focus topics.
    pub focus_topics: Vec<String>,
    /// Date the data was last reviewed.
    pub stand: Date,
    /// Partner ids of the organisers.
    pub organisers: Vec<String>,
    /// Internal note.
    pub notes_internal: Option<InternalNote>,
    /// Partners.
    pub partners: Vec<Partner>,
    /// Meetings, oldest first.
    pub meetings: Vec<Meeting>,
    /// Matrix rows in catalogue order.
    pub matrix: Vec<MatrixRow>,
    /// Hand-offs.
    pub handoffs: Vec<Handoff>,
    /// Recommendations.
    pub recommendations: Vec<Recommendation>,
}

impl Region {
    /// Every Markdown text of the region.
    pub fn markdowns(&self) -> Vec<&Markdown> {
        let mut all = vec![&self.summary];
        all.extend(self.partners.iter().map(|p| &p.tasks));
        all.extend(self.meetings.iter().filter_map(|m| m.summary.as_ref()));
        all.extend(self.recommendations.iter().map(|r| &r.text));
        all
    }

    /// The partner with this id.
    pub fn partner(&self, id: &str) -> Option<&Partner> {
        self.partners.iter().find(|p| p.id == id)
    }
}

/// A local partner institution.
#[derive(Debug)]
pub struct Partner {
    /// Id, unique in its region.
    pub id: String,
    /// Name.
    pub name: String,
    /// Institution type id.
    pub institution: String,
    /// Tasks (Markdown).
    pub tasks: Markdown,
    /// Target group ids.
    pub target_groups: Vec<String>,
    /// Internal note.
    pub notes_internal: Option<InternalNote>,
    /// Contact persons (internal only).
    pub contacts: Vec<Contact>,
}

/// A workshop or meeting.
#[derive(Debug)]
pub struct Meeting {
    /// Id, unique in its region.
    pub id: String,
    /// Workshop or exchange round.
    pub kind: MeetingKind,
    /// Title.
    pub title: String,
    /// Date.
    pub date: Date,
    /// Topics.
    pub topics: Vec<String>,
    /// Number of participants.
    pub participants: u32,
    /// Whether decision-makers took part.
    pub decision_makers: bool,
    /// Summary (Markdown).
    pub summary: Option<Markdown>,
}

/// One area's row of the matrix.
#[derive(Debug)]
pub struct MatrixRow {
    /// Area id.
    pub area: String,
    /// Cells, one per partner involved.
    pub cells: Vec<Cell>,
}

/// One partner's part in an area.
#[derive(Debug)]
pub struct Cell {
    /// Partner id.
    pub partner: String,
    /// Level.
    pub level: Level,
    /// Target group ids.
    pub groups: Vec<String>,
}

/// A hand-off between partners.
#[derive(Debug)]
pub struct Handoff {
    /// Partner id handing off.
    pub from: String,
    /// Partner id taking over.
    pub to: String,
    /// What triggers it.
    pub trigger: String,
    /// What is passed on.
    pub passes: String,
}

/// A recommendation.
#[derive(Debug)]
pub struct Recommendation {
    /// Id, unique in its region.
    pub id: String,
    /// Title.
    pub title: String,
    /// Text (Markdown).
    pub text: Markdown,
    /// Partner id of the proposer.
    pub proposed_by: String,
    /// Partner ids responsible.
    pub responsible: Vec<String>,
    /// Status.
    pub status: RecommendationStatus,
    /// The vote, if one was held.
    pub vote: Option<Vote>,
}

/// A vote on a recommendation.
#[derive(Debug, Clone)]
pub struct Vote {
    /// Meeting id.
    pub meeting: String,
    /// Date of that meeting.
    pub date: Date,
    /// Votes in favour.
    pub yes: u32,
    /// Votes against.
    pub no: u32,
    /// Abstentions.
    pub abstain: u32,
}
