#[cfg(target_arch = "wasm32")]
fn main() {
    portico::shell::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Portico runs in the browser. Serve it with: ./portico serve");
}
