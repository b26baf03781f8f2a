//! provisioning-orchestrator: runs provisioning tasks in order. `--version` prints the version; `plan A B C`
//! prints the order in which the given tasks would run (a tiny stand-in for the real scheduler).
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version" | "-v") if args.len() == 1 => {
            println!("provisioning-orchestrator {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("plan") if args.len() > 1 => {
            let mut seen: Vec<&str> = Vec::new();
            for task in &args[1..] {
                if !seen.contains(&task.as_str()) {
                    seen.push(task);
                    println!("{}. {}", seen.len(), task);
                }
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: provisioning-orchestrator --version | plan TASK...");
            ExitCode::from(2)
        }
    }
}
