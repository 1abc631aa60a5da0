//! Serde mirrors of the content files, exactly as written; unknown keys are
//! errors. Nothing here is checked beyond its shape: `validate` does that.

#![allow(missing_docs)] // Each field is a key of the file format, documented in the README.
use serde::{Deserialize, Deserializer};

/// A text that names or identifies something: not blank, and not YAML's
/// null (`~`, `null`), which a text field would otherwise take as the text.
fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let text = String::deserialize(deserializer)?;
    if text.trim().is_empty() || matches!(text.as_str(), "~" | "null" | "Null" | "NULL") {
        return Err(serde::de::Error::invalid_value(
            serde::de::Unexpected::Str(&text),
            &"a text that is not empty",
        ));
    }
    Ok(text)
}

/// Front matter of a guide page (`content/guide/*.md`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGuidePage {
    #[serde(deserialize_with = "text")]
    pub title: String,
    pub weight: i64,
    #[serde(default)]
    pub description: Option<String>,
}

/// Front matter of a glossary term (`content/glossary/*.md`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    #[serde(deserialize_with = "text")]
    pub term: String,
    pub gloss: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub legal_basis: String,
    pub labour_market: String,
    pub benefits: String,
    pub responsible: String,
    #[serde(default)]
    pub related: Vec<String>,
    pub sources: Vec<RawSource>,
    pub stand: String,
    #[serde(default)]
    pub unconfirmed: Vec<String>,
}

/// A source of a glossary entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(deserialize_with = "text")]
    pub url: String,
}

/// An institution type (`content/catalog/institutions.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInstitution {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(deserialize_with = "text")]
    pub short: String,
    pub mandate: String,
    pub tasks: String,
    #[serde(default)]
    pub target_groups: Vec<String>,
    #[serde(default)]
    pub optional: bool,
}

/// An activity area (`content/catalog/areas.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArea {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(deserialize_with = "text")]
    pub name: String,
    pub description: String,
}

/// A target group (`content/catalog/target-groups.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTargetGroup {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(deserialize_with = "text")]
    pub symbol: String,
    #[serde(deserialize_with = "text")]
    pub name: String,
    pub colour: String,
    pub term: String,
}

/// A stage of the path through the institutions (`content/catalog/path.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(deserialize_with = "text")]
    pub title: String,
    pub description: String,
    pub institutions: Vec<String>,
}

/// A region (`content/regions/*.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    #[serde(deserialize_with = "text")]
    pub name: String,
    pub kind: RegionKind,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub federal_state: Option<FederalState>,
    pub summary: String,
    #[serde(default)]
    pub example_data: bool,
    pub network_status: NetworkStatus,
    #[serde(default)]
    pub focus_topics: Vec<String>,
    pub stand: String,
    #[serde(default)]
    pub organisers: Vec<String>,
    #[serde(default)]
    pub notes_internal: Option<String>,
    #[serde(default)]
    pub partners: Vec<RawPartner>,
    #[serde(default)]
    pub meetings: Vec<RawMeeting>,
    #[serde(default)]
    pub matrix: Vec<RawMatrixRow>,
    #[serde(default)]
    pub handoffs: Vec<RawHandoff>,
    #[serde(default)]
    pub recommendations: Vec<RawRecommendation>,
}

/// Administrative kind of a region.
#[derive(Clone, Copy, Debug, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RegionKind {
    /// A city outside any district.
    KreisfreieStadt,
    /// A rural district.
    Landkreis,
    /// A town inside a district.
    KreisangehoerigeStadt,
}

/// The federal state (Land) a region lies in: on a site with regions of more
/// than one, the region lists are grouped by it. Declared in alphabetical
/// order of the German names, which is the order of the groups.
#[derive(
    Clone, Copy, Debug, Deserialize, serde::Serialize, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum FederalState {
    BadenWuerttemberg,
    Bayern,
    Berlin,
    Brandenburg,
    Bremen,
    Hamburg,
    Hessen,
    MecklenburgVorpommern,
    Niedersachsen,
    NordrheinWestfalen,
    RheinlandPfalz,
    Saarland,
    Sachsen,
    SachsenAnhalt,
    SchleswigHolstein,
    Thueringen,
}

/// How far a region's network has come.
#[derive(Clone, Copy, Debug, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum NetworkStatus {
    /// One workshop so far.
    OneOff,
    /// A regular exchange round.
    Regular,
    /// A regular round the partners run themselves.
    SelfOrganised,
}

/// A local partner institution.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPartner {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(rename = "type")]
    pub institution: String,
    pub tasks: String,
    #[serde(default)]
    pub target_groups: Vec<String>,
    #[serde(default)]
    pub notes_internal: Option<String>,
    #[serde(default)]
    pub contacts: Vec<RawContact>,
}

/// A contact person (internal only).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    #[serde(deserialize_with = "text")]
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub room: Option<String>,
    #[serde(default)]
    pub decision_maker: bool,
    pub confirmed: String,
    #[serde(default)]
    pub left: Option<String>,
    #[serde(default)]
    pub successor: Option<String>,
}

/// A workshop or meeting of the regional round.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeeting {
    #[serde(deserialize_with = "text")]
    pub id: String,
    pub kind: MeetingKind,
    #[serde(deserialize_with = "text")]
    pub title: String,
    pub date: String,
    #[serde(default)]
    pub topics: Vec<String>,
    pub participants: u32,
    pub decision_makers: bool,
    #[serde(default)]
    pub summary: Option<String>,
}

/// What kind of meeting.
#[derive(Clone, Copy, Debug, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingKind {
    /// A regional workshop.
    Workshop,
    /// A meeting of the regular exchange round.
    Exchange,
}

/// One activity area's row of the responsibility matrix.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMatrixRow {
    pub area: String,
    pub cells: Vec<RawCell>,
}

/// One partner's part in an activity area.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCell {
    pub partner: String,
    pub level: Level,
    #[serde(default)]
    pub groups: Vec<String>,
}

/// A partner's level of responsibility in an area.
#[derive(Clone, Copy, Debug, Deserialize, serde::Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Leads (federführend).
    Lead,
    /// Takes part (beteiligt).
    Involved,
    /// Is informed or informs (informiert).
    Informs,
}

/// A hand-off between two partners.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHandoff {
    pub from: String,
    pub to: String,
    pub trigger: String,
    pub passes: String,
}

/// A recommendation of the round.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecommendation {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(deserialize_with = "text")]
    pub title: String,
    pub text: String,
    pub proposed_by: String,
    #[serde(default)]
    pub responsible: Vec<String>,
    pub status: RecommendationStatus,
    #[serde(default)]
    pub vote: Option<RawVote>,
}

/// Where a recommendation stands.
#[derive(Clone, Copy, Debug, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RecommendationStatus {
    /// Proposed, not yet voted on.
    Proposed,
    /// Adopted by vote.
    Adopted,
    /// Being implemented.
    InProgress,
    /// Implemented.
    Done,
    /// Dropped.
    Dropped,
}

/// The vote that adopted a recommendation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVote {
    pub meeting: String,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
}
