//! The open-data format: serde structs that borrow from the public view. They
//! are kept apart from the view types so the published format changes only
//! on purpose (with [`FORMAT_VERSION`]), not whenever a template needs a field.
//! No struct here has a field for contact data.

use crate::model::{
    self, Date, FederalState, Level, MeetingKind, NetworkStatus, RecommendationStatus, RegionKind,
};
use serde::Serialize;

/// Version of the format. Raised when a field is removed or changes meaning;
/// new fields are added without a new version.
pub const FORMAT_VERSION: u32 = 1;

/// One JSON file: what it is and where it comes from, then its data.
#[derive(Debug, Serialize)]
pub struct Document<'a, T: Serialize> {
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// A note on the source of the data (German, for the reader).
    pub generated_from: String,
    /// The site the data belongs to.
    pub site: SiteInfo<'a>,
    /// The data.
    #[serde(flatten)]
    pub body: T,
}

/// The site a data file belongs to.
#[derive(Debug, Serialize)]
pub struct SiteInfo<'a> {
    /// Title.
    pub title: &'a str,
    /// Address of the public site.
    pub base_url: &'a str,
    /// Language of the texts.
    pub language: &'a str,
    /// The publisher (an organisation).
    pub publisher: &'a str,
    /// The licence of the texts and data; `null` when the site names none.
    pub licence: Option<&'a crate::config::Licence>,
    /// The page that documents this format.
    pub documentation: String,
}

/// `regionen.json`.
#[derive(Debug, Serialize)]
pub struct Regions<'a> {
    /// Regions by name.
    pub regions: Vec<Region<'a>>,
}

/// A region.
#[derive(Debug, Serialize)]
pub struct Region<'a> {
    /// Slug (the file name of the source and the page address).
    pub slug: &'a str,
    /// Name.
    pub name: &'a str,
    /// Address of the region's page.
    pub url: String,
    /// Kind.
    pub kind: RegionKind,
    /// The district a town belongs to.
    pub parent: Option<&'a str>,
    /// The federal state.
    pub federal_state: Option<FederalState>,
    /// Summary as an HTML fragment.
    pub summary_html: String,
    /// Whether the region's data is example data.
    pub example_data: bool,
    /// Status of the network.
    pub network_status: NetworkStatus,
    /// Focus topics.
    pub focus_topics: &'a [String],
    /// Date the data was last reviewed.
    pub stand: Date,
    /// Partner ids of the organisers.
    pub organisers: &'a [String],
    /// Partners, without contact persons.
    pub partners: Vec<Partner<'a>>,
    /// Workshops and meetings, oldest first.
    pub meetings: Vec<Meeting<'a>>,
    /// The responsibility matrix.
    pub matrix: Matrix<'a>,
    /// Address of the matrix as CSV.
    pub matrix_csv: String,
    /// Hand-offs between partners.
    pub handoffs: Vec<Handoff<'a>>,
    /// Recommendations with their votes.
    pub recommendations: Vec<Recommendation<'a>>,
}

/// A partner institution (never with contacts).
#[derive(Debug, Serialize)]
pub struct Partner<'a> {
    /// Id, unique in its region.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
    /// Institution type id (see `katalog.json`).
    pub institution: &'a str,
    /// Institution type name.
    pub institution_name: &'a str,
    /// Tasks in the network as an HTML fragment.
    pub tasks_html: String,
    /// Target group ids.
    pub target_groups: Vec<&'a str>,
    /// Whether it organised the region's workshop.
    pub organiser: bool,
}

/// A workshop or meeting.
#[derive(Debug, Serialize)]
pub struct Meeting<'a> {
    /// Id, unique in its region.
    pub id: &'a str,
    /// `workshop` or `exchange`.
    pub kind: MeetingKind,
    /// Title.
    pub title: &'a str,
    /// Date.
    pub date: Date,
    /// Topics.
    pub topics: &'a [String],
    /// Number of participants.
    pub participants: u32,
    /// Whether decision-makers took part.
    pub decision_makers: bool,
    /// Summary as an HTML fragment.
    pub summary_html: Option<String>,
}

/// The matrix: the areas a region covers, each with the partners involved.
#[derive(Debug, Serialize)]
pub struct Matrix<'a> {
    /// Partner ids of the columns, in order (the CSV's columns).
    pub columns: Vec<&'a str>,
    /// Rows in catalogue order.
    pub rows: Vec<MatrixRow<'a>>,
}

/// One area of the matrix.
#[derive(Debug, Serialize)]
pub struct MatrixRow<'a> {
    /// Area id (see `katalog.json`).
    pub area: &'a str,
    /// Area name.
    pub area_name: &'a str,
    /// The partners involved; partners not involved are left out.
    pub cells: Vec<MatrixCell<'a>>,
}

/// One partner's part in an area.
#[derive(Debug, Serialize)]
pub struct MatrixCell<'a> {
    /// Partner id.
    pub partner: &'a str,
    /// `lead`, `involved` or `informs`.
    pub level: Level,
    /// Target group ids the offer addresses.
    pub target_groups: Vec<&'a str>,
}

/// A hand-off.
#[derive(Debug, Serialize)]
pub struct Handoff<'a> {
    /// Partner id handing off.
    pub from: &'a str,
    /// Its name.
    pub from_name: &'a str,
    /// Partner id taking over.
    pub to: &'a str,
    /// Its name.
    pub to_name: &'a str,
    /// What triggers the hand-off.
    pub trigger: &'a str,
    /// What is passed on.
    pub passes: &'a str,
}

/// A recommendation.
#[derive(Debug, Serialize)]
pub struct Recommendation<'a> {
    /// Id, unique in its region.
    pub id: &'a str,
    /// Address of the recommendation on the site.
    pub url: String,
    /// Title.
    pub title: &'a str,
    /// Text as an HTML fragment.
    pub text_html: String,
    /// Name of the proposing partner.
    pub proposed_by: &'a str,
    /// Id of the proposing partner, one of the region's `partners`.
    pub proposed_by_id: &'a str,
    /// Names of the responsible partners.
    pub responsible: &'a [String],
    /// Ids of the responsible partners, in the order of their names.
    pub responsible_ids: &'a [String],
    /// Status.
    pub status: RecommendationStatus,
    /// The vote, if one was held.
    pub vote: Option<Vote<'a>>,
}

/// A vote.
#[derive(Debug, Serialize)]
pub struct Vote<'a> {
    /// Meeting id.
    pub meeting: &'a str,
    /// Meeting title.
    pub meeting_title: &'a str,
    /// Date.
    pub date: Date,
    /// In favour.
    pub yes: u32,
    /// Against.
    pub no: u32,
    /// Abstentions.
    pub abstain: u32,
}

/// `glossar.json`.
#[derive(Debug, Serialize)]
pub struct Glossary<'a> {
    /// Terms in alphabetical order.
    pub terms: Vec<Term<'a>>,
}

/// A glossary term.
#[derive(Debug, Serialize)]
pub struct Term<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Address of the term's page.
    pub url: String,
    /// The term.
    pub term: &'a str,
    /// Short English gloss.
    pub gloss: &'a str,
    /// Other spellings.
    pub aliases: &'a [String],
    /// Legal basis.
    pub legal_basis: &'a str,
    /// Definition as an HTML fragment.
    pub definition_html: String,
    /// Access to the labour market as an HTML fragment.
    pub labour_market_html: String,
    /// Benefit system as an HTML fragment.
    pub benefits_html: String,
    /// Responsible institutions as an HTML fragment.
    pub responsible_html: String,
    /// Slugs of related terms.
    pub related: Vec<&'a str>,
    /// Sources.
    pub sources: &'a [model::Source],
    /// The date the entry states the law.
    pub stand: Date,
    /// Facts not yet confirmed.
    pub unconfirmed: &'a [String],
}

/// `katalog.json`.
#[derive(Debug, Serialize)]
pub struct Catalog<'a> {
    /// Institution types.
    pub institutions: Vec<Institution<'a>>,
    /// Activity areas, in matrix order.
    pub areas: &'a [model::Area],
    /// Target groups with symbol and colour.
    pub target_groups: &'a [model::TargetGroup],
    /// Stages of the path through the institutions.
    pub path: &'a [model::Stage],
}

/// An institution type.
#[derive(Debug, Serialize)]
pub struct Institution<'a> {
    /// Id.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
    /// Abbreviation.
    pub short: &'a str,
    /// Legal mandate.
    pub mandate: &'a str,
    /// Tasks as an HTML fragment.
    pub tasks_html: String,
    /// Target group ids.
    pub target_groups: Vec<&'a str>,
    /// Whether it is an optional partner.
    pub optional: bool,
}
