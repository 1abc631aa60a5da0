//! Command-line arguments (clap). The structs are the options; no logic here.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// dienstweg — publishes the Regionalworkshop concept as a static site.
#[derive(Debug, Parser)]
#[command(name = "dienstweg", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or internal/ for the internal audience).
    Build(BuildArgs),
    /// Run all validation and warnings; writes nothing.
    Check(SiteArgs),
    /// Live preview: build in memory, serve, rebuild and reload on change.
    Serve(ServeArgs),
    /// Create a starter site for a new region or federal state in DIR.
    Init(InitArgs),
}

/// Options of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new site's folder; created if missing, refused if not empty.
    pub dir: PathBuf,
}

/// Options shared by every command that reads a site.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site's root folder (the one holding content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// Options of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Who the build is for.
    #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
    pub audience: AudienceArg,
    /// Output folder (default: public/ or internal/ below the root).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Seal each region's paper file with a passphrase (internal build only;
    /// from DIENSTWEG_PASSPHRASE, else asked on the terminal).
    #[arg(long)]
    pub encrypt: bool,
    /// Build without the search: no index, no search page, no search box.
    #[arg(long)]
    pub no_search: bool,
    /// Index every page and leak-scan every file afresh instead of reusing
    /// what earlier builds found (kept in .dienstweg-cache/).
    #[arg(long)]
    pub no_cache: bool,
    /// The site.
    #[command(flatten)]
    pub site: SiteArgs,
}

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Who the preview is for; the internal audience is only served on loopback.
    #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
    pub audience: AudienceArg,
    /// TCP port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the start page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// The site.
    #[command(flatten)]
    pub site: SiteArgs,
}

/// The audience on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AudienceArg {
    /// The public website, without contact data.
    Public,
    /// For the network's institutions, with contact persons.
    Internal,
}

impl From<AudienceArg> for crate::view::Audience {
    fn from(arg: AudienceArg) -> Self {
        match arg {
            AudienceArg::Public => crate::view::Audience::Public,
            AudienceArg::Internal => crate::view::Audience::Internal,
        }
    }
}
