//! The demo desk's Web Worker (see `portico::shell::demo_worker`).

#[cfg(target_arch = "wasm32")]
fn main() {
    portico::shell::demo_worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The demo worker runs in the browser, started by the portal.");
}
