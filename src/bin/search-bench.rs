//! The search and rendering benchmark's wasm module (feature `bench`): the in-browser page
//! (`end2end/bench/`) drives Portico's engine and renderer through these functions, beside
//! MiniSearch, FlexSearch, markdown-it and DOMPurify. Built and run by `./portico bench`.

#[cfg(target_arch = "wasm32")]
mod exports {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::RefCell;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use portico::bench::{pages, Page};
    use portico::markdown::{render_html, render_markdown, Labels};
    use portico::search::{Index, Query};
    use wasm_bindgen::prelude::*;

    /// Counts live heap bytes, so the index's memory is measured, not guessed.
    struct Counting;

    static LIVE: AtomicUsize = AtomicUsize::new(0);

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            LIVE.fetch_add(new_size, Ordering::Relaxed);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;

    #[derive(Default)]
    struct State {
        pages: Vec<Page>,
        index: Index,
    }

    thread_local! {
        static STATE: RefCell<State> = RefCell::new(State::default());
    }

    /// Live heap bytes.
    #[wasm_bindgen]
    pub fn live_bytes() -> f64 {
        LIVE.load(Ordering::Relaxed) as f64
    }

    /// Reads a JSON-lines corpus (replacing any before); returns the page count.
    #[wasm_bindgen]
    pub fn load_corpus(jsonl: &str) -> usize {
        STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.index = Index::new();
            s.pages = pages(jsonl);
            s.pages.len()
        })
    }

    /// Builds the index over the loaded corpus; returns the article count.
    #[wasm_bindgen]
    pub fn build() -> usize {
        STATE.with(|s| {
            let mut s = s.borrow_mut();
            let mut index = Index::new();
            index.add(s.pages.iter().map(Page::doc));
            s.index = index;
            s.index.len()
        })
    }

    /// Drops the index (to measure memory and loading afresh).
    #[wasm_bindgen]
    pub fn drop_index() {
        STATE.with(|s| s.borrow_mut().index = Index::new());
    }

    /// The best ten ids, one per line.
    #[wasm_bindgen]
    pub fn search(query: &str) -> String {
        STATE.with(|s| {
            let s = s.borrow();
            let found = s.index.search(
                &Query {
                    text: query,
                    limit: 10,
                    ..Query::default()
                },
                |_| None,
            );
            let ids: Vec<&str> = found.hits.iter().map(|h| h.id.as_str()).collect();
            ids.join("\n")
        })
    }

    /// The index as bytes.
    #[wasm_bindgen]
    pub fn persist() -> Vec<u8> {
        STATE.with(|s| s.borrow().index.to_bytes())
    }

    /// Loads an index from bytes; returns its article count (0 when unreadable).
    #[wasm_bindgen]
    pub fn load_persisted(bytes: &[u8]) -> usize {
        STATE.with(|s| match Index::from_bytes(bytes) {
            Ok(index) => {
                let mut s = s.borrow_mut();
                s.index = index;
                s.index.len()
            }
            Err(_) => 0,
        })
    }

    /// Markdown to safe HTML, as the article page does.
    #[wasm_bindgen]
    pub fn render(markdown: &str) -> String {
        render_markdown(markdown, &Labels::ENGLISH).html
    }

    /// HTML through the allow-list, as the article page does for HTML bodies.
    #[wasm_bindgen]
    pub fn sanitize(html: &str) -> String {
        render_html(html).html
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("The search benchmark runs in the browser: ./portico bench");
}
