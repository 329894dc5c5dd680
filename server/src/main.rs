//! `server` serves the site; `server check-content` only validates the content folder.

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};
use server::{Application, Settings, telemetry};

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
    /// Check every content page (front matter, paths, markdown) and exit.
    CheckContent {
        /// The content folder; defaults to the configured one.
        dir: Option<PathBuf>,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
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
            match app::server::content::load(&dir) {
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
        Command::Serve => {
            telemetry::init(&settings.log_level);
            tracing::info!("{settings}");
            let app = match Application::build(settings).await {
                Ok(app) => app,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            };
            tracing::info!(address = %app.address(), "listening");
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
