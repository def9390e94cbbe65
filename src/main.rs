use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The child that reads an untrusted workbook under a memory limit (src/workbook/probe.rs):
    // a hidden command, answered before anything else is set up.
    if args
        .get(1)
        .is_some_and(|a| a == chibo::workbook::PROBE_COMMAND)
    {
        return ExitCode::from(chibo::workbook::probe_child_main(
            args.get(2..).unwrap_or_default(),
        ));
    }
    let lang = chibo::cli::lang_from_args(&args);
    chibo::diagnostic::panics::install(lang);
    if let Ok(exe) = std::env::current_exe() {
        chibo::workbook::isolate_reading_with(exe);
    }
    let cli = chibo::cli::parse_or_exit(args);
    ExitCode::from(chibo::commands::dispatch(cli))
}
