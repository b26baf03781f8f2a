//! provisioning-control-center: the operators' view of an installation. `--version` prints the version;
//! `health` prints one line per service it knows about.
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["--version" | "-v"] => {
            println!("provisioning-control-center {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        ["health"] => {
            for service in ["orchestrator", "control-center"] {
                println!("{service}: ok");
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: provisioning-control-center --version | health");
            ExitCode::from(2)
        }
    }
}
