// The configuration lives at the repository root (`../tauri.conf.json`); the
// `tauri.conf.json` beside this file is a symlink to it so that both cargo and the
// Tauri CLI find it and resolve its relative paths from this directory.
//
// The app manifest lists our commands (from `src/command_list.rs`, the one list)
// so that each one needs a permission in `capabilities/`: the window may call
// exactly what is listed there.
include!("src/command_list.rs");

const COMMANDS: &[&str] = for_each_command!(command_names);

fn main() {
    println!("cargo::rerun-if-changed=src/command_list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the tauri build script");
}
