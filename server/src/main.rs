//! `server` serves the site; its subcommands check the content, migrate the database, export
//! the consent log, and manage the showcase and the operators.

use std::{io::Write, path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};

mod operator_cli;
use server::{Application, Settings, telemetry};

// Many small, short-lived allocations per request (headers, futures); mimalloc serves them
// faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(about = "The developer portal's web server")]
struct Cli {
    /// A TOML settings file (also `PORTAL_CONFIG`); without one, embedded defaults apply.
    #[arg(long, env = "PORTAL_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve,
    /// Create or update the database schema, then exit (start-up does this too).
    Migrate,
    /// Check every content page (front matter, paths, markdown) and exit.
    CheckContent {
        /// The content folder; defaults to the configured one.
        dir: Option<PathBuf>,
    },
    /// Write the consent log (proof of consent) as CSV or JSON to standard output.
    ExportConsent {
        /// `csv` or `json`.
        #[arg(long, default_value = "csv")]
        format: ExportFormat,
    },
    /// Consent decisions counted per day (kept after the log is pruned), as CSV or JSON.
    ConsentStats {
        /// The last this many days, today included.
        #[arg(long, default_value_t = 30)]
        days: i64,
        /// `csv` or `json`.
        #[arg(long, default_value = "csv")]
        format: ExportFormat,
    },
    /// The operator's control of the public showcase.
    Showcase {
        #[command(subcommand)]
        action: ShowcaseAction,
    },
    /// The mail queue: list it, send a waiting mail at once, discard one.
    Mail {
        #[command(subcommand)]
        action: MailAction,
    },
    /// The agency's operators (the console's users).
    Operator {
        #[command(subcommand)]
        action: OperatorAction,
    },
}

#[derive(Subcommand)]
enum MailAction {
    /// The newest mails: id, state (waiting, retrying, failed, sent), kind, attempts, next
    /// attempt, last error. No address or contents.
    List {
        /// How many.
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Send a waiting or retrying mail at once.
    Retry {
        /// The mail's id (from `list`).
        id: i64,
    },
    /// Give up a mail that has not been sent; its contents and address are forgotten.
    Discard {
        /// The mail's id (from `list`).
        id: i64,
    },
    /// Queue a test mail to `address`, to check the mail settings (a running server sends it;
    /// `list` shows whether it went).
    Test {
        /// Where to send it.
        address: String,
        /// `sv` or `en`.
        #[arg(long, default_value = "sv")]
        lang: String,
    },
}

#[derive(Subcommand)]
enum OperatorAction {
    /// Add an operator with a role: `admin`, `moderator` or `analyst`.
    Add {
        /// The address they log in with.
        email: String,
        /// What they may do.
        #[arg(long)]
        role: String,
        /// The language of their mail and console: `sv` or `en`.
        #[arg(long, default_value = "sv")]
        lang: String,
    },
    /// Mail an operator a new set-up link (the earlier one ends; their password and second
    /// factor are set again through it).
    Link {
        /// Their address.
        email: String,
    },
    /// Every operator: id, role, state, address.
    List,
    /// Disable an operator (their sessions and recovery codes go too).
    Disable {
        /// Their address.
        email: String,
    },
}

#[derive(Subcommand)]
enum ShowcaseAction {
    /// Every company: id, where it stands on the showcase, name.
    List,
    /// Take a company off the showcase (its account and its own choice stay).
    Hide {
        /// The account id (from `list`).
        id: i64,
    },
    /// Show a company again; with `showcase.require_approval`, this approves it.
    Show {
        /// The account id (from `list`).
        id: i64,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Csv,
    Json,
}

/// The allocator's settings, which mimalloc reads from the environment as the process starts:
/// memory freed is given back to the system at once rather than a second later
/// (`purge_delay`), and its arena is committed as it is used rather than up front. Under a mixed
/// load at 256 connections that is about 4 MB less resident, and the peak while the page
/// cache fills about 20 MB less (docs/performance.md). A value the operator set wins.
const ALLOCATOR_SETTINGS: [(&str, &str); 2] = [
    ("MIMALLOC_PURGE_DELAY", "0"),
    ("MIMALLOC_ARENA_EAGER_COMMIT", "0"),
];

/// Starts this program again in the same process (`exec`, same PID and arguments) with the
/// [`ALLOCATOR_SETTINGS`] it lacks, since they must be in place before the first allocation.
/// Returns only when all are set already, or when the `exec` failed (then the defaults stay).
fn apply_allocator_settings() {
    let missing: Vec<_> = ALLOCATOR_SETTINGS
        .into_iter()
        .filter(|(name, _)| std::env::var_os(name).is_none())
        .collect();
    if missing.is_empty() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut command = std::process::Command::new(exe);
    command.args(std::env::args_os().skip(1)).envs(missing);
    let error = std::os::unix::process::CommandExt::exec(&mut command);
    eprintln!("note: the allocator keeps its default settings ({error})");
}

/// Threads for blocking work at most: compressing pages for the page cache, password hashes,
/// logo images, file reads. The work is bounded elsewhere (permits, one render per page), so
/// this only caps a burst: each thread keeps about 1 MB of freed memory while it lives, and
/// the runtime's default allows 512.
const BLOCKING_THREADS: usize = 16;

/// How long an idle blocking thread lives (the runtime's default is 10 s): after the page
/// cache fills, seven threads held 6.6 MB for those ten seconds.
const BLOCKING_KEEP_ALIVE: std::time::Duration = std::time::Duration::from_secs(1);

fn main() -> ExitCode {
    apply_allocator_settings();
    // The allocator maps its memory in large aligned regions. Where the kernel backs those with
    // transparent huge pages (`always`, common on servers), every first touch makes 2 MiB
    // resident instead of 4 KiB, and freed memory is returned only in whole huge pages: the
    // server sat at 45-60 MB instead of about 20. Turned off before the runtime starts, so the
    // worker threads' memory is mapped in small pages. Failure changes nothing but memory.
    #[cfg(target_os = "linux")]
    if let Err(e) = nix::sys::prctl::set_thp_disable(true) {
        eprintln!("note: transparent huge pages stay on ({e})");
    }
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_keep_alive(BLOCKING_KEEP_ALIVE)
        .build()
    {
        Ok(runtime) => runtime.block_on(run()),
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::CheckContent { dir } => {
            let dir = dir.unwrap_or(settings.content_dir);
            match portal_core::content::load(&dir) {
                Ok(site) => {
                    println!("content OK: {} pages in {}", site.len(), dir.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::ExportConsent { format } => match export_consent(&settings, format).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Showcase { action } => match showcase(&settings, action).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::ConsentStats { days, format } => {
            match operator_cli::consent_stats(&settings, days, format).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Mail { action } => match operator_cli::mail(&settings, action).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Operator { action } => match operator_cli::run(&settings, action).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Migrate => {
            if let Err(e) = std::fs::create_dir_all(&settings.data_dir) {
                eprintln!("error: cannot create {}: {e}", settings.data_dir.display());
                return ExitCode::FAILURE;
            }
            match server::db::Db::connect(settings.database_url(), &settings.data_dir).await {
                Ok(_) => {
                    println!("database schema up to date");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: database: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve => {
            let instance = if settings.instance_id.is_empty() {
                std::env::var("HOSTNAME").unwrap_or_default()
            } else {
                settings.instance_id.clone()
            };
            telemetry::init(&settings.log_level, settings.log_format, &instance);
            tracing::info!("{settings}");
            if let Some(warning) = settings.public_url_warning() {
                tracing::warn!("{warning}");
            }
            let app = match Application::build(settings).await {
                Ok(app) => app,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            };
            tracing::info!(address = %app.address(), ops = %app.ops_address(), "listening");
            match app.run_until_stopped().await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

async fn showcase(
    settings: &Settings,
    action: ShowcaseAction,
) -> Result<(), Box<dyn std::error::Error>> {
    let db = server::db::Db::connect(settings.database_url(), &settings.data_dir).await?;
    let require = settings.showcase.require_approval;
    let mut out = std::io::stdout().lock();
    match action {
        ShowcaseAction::List => {
            for row in db.showcase_rows().await? {
                let state = match row.listing(require) {
                    domain::account::Listing::Unlisted => "unlisted",
                    domain::account::Listing::Shown => "shown",
                    domain::account::Listing::AwaitingApproval => "awaiting-approval",
                    domain::account::Listing::ChangesAwaitingApproval => {
                        "changes-awaiting-approval"
                    }
                    domain::account::Listing::Hidden => "hidden",
                    domain::account::Listing::Unverified => "unverified",
                };
                // Company names never hold control characters (`check_company`).
                writeln!(out, "{}\t{state}\t{}", row.id, row.company)?;
            }
        }
        ShowcaseAction::Hide { id } | ShowcaseAction::Show { id } => {
            use portal_core::operators::companies::Decision;
            let (decision, done) = match action {
                ShowcaseAction::Hide { .. } => (Decision::Hide, "hidden"),
                _ => (Decision::Show, "shown"),
            };
            let entry = operator_cli::audit(decision.action(), format!("company {id}"));
            if !db
                .decide_company(domain::account::AccountId(id), decision, &entry)
                .await?
            {
                return Err(format!("no account with id {id}").into());
            }
            writeln!(out, "company {id} {done}")?;
        }
    }
    Ok(())
}

async fn export_consent(
    settings: &Settings,
    format: ExportFormat,
) -> Result<(), Box<dyn std::error::Error>> {
    let db = server::db::Db::connect(settings.database_url(), &settings.data_dir).await?;
    let rows = db.consent_log().await?;
    let mut out = std::io::stdout().lock();
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        ExportFormat::Csv => {
            writeln!(
                out,
                "consent_id,at_utc,mode,revision,decision,granted,denied,services,lang,masked_ip"
            )?;
            for r in rows {
                writeln!(
                    out,
                    "{},{},{},{},{},\"{}\",\"{}\",\"{}\",{},{}",
                    r.consent_id,
                    r.at_unix,
                    r.mode,
                    r.revision,
                    r.decision,
                    r.granted,
                    r.denied,
                    r.services,
                    r.lang,
                    r.masked_ip
                )?;
            }
        }
    }
    Ok(())
}
