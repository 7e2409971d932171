//! The demo desk's Web Worker: a separate wasm module, loaded only when the config names the
//! demo backend, so deployments on a real backend never download the demo service. It keeps the
//! desk's JSON work off the main thread too. Requests are handled one at a time, in order.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::demo_desk::DemoDesk;
use super::worker_protocol::{WorkerRequest, WorkerResponse, READY, STATUS_PATH};
use crate::connector::HttpResponse;

#[derive(Default)]
struct Worker {
    desk: Option<Rc<DemoDesk>>,
    queue: VecDeque<String>,
    running: bool,
}

thread_local! {
    static WORKER: RefCell<Worker> = RefCell::new(Worker::default());
}

fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Starts listening for requests.
pub fn start() {
    console_error_panic_hook::set_once();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            if let Some(text) = event.data().as_string() {
                WORKER.with(|w| w.borrow_mut().queue.push_back(text));
                drain();
            }
        });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages posted before the handler existed were dropped: the portal waits for this.
    let _ = scope().post_message(&JsValue::from_str(READY));
}

fn drain() {
    let already = WORKER.with(|w| std::mem::replace(&mut w.borrow_mut().running, true));
    if already {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        loop {
            let next = WORKER.with(|w| w.borrow_mut().queue.pop_front());
            let Some(text) = next else { break };
            let desk = match WORKER.with(|w| w.borrow().desk.clone()) {
                Some(desk) => desk,
                None => {
                    let now = serde_json::from_str::<WorkerRequest>(&text).map_or(0, |r| r.now);
                    let desk = Rc::new(DemoDesk::open(now).await);
                    WORKER.with(|w| w.borrow_mut().desk = Some(desk.clone()));
                    desk
                }
            };
            answer(&desk, &text).await;
        }
        WORKER.with(|w| w.borrow_mut().running = false);
    });
}

async fn answer(desk: &DemoDesk, text: &str) {
    let Ok(request) = serde_json::from_str::<WorkerRequest>(text) else {
        return;
    };
    let response = if request.url == STATUS_PATH {
        HttpResponse::json(
            200,
            &serde_json::json!({ "storage_problem": desk.storage_problem }),
        )
    } else {
        desk.handle(&request.to_http(), request.now).await
    };
    if let Ok(json) = serde_json::to_string(&WorkerResponse::new(request.id, response)) {
        let _ = scope().post_message(&JsValue::from_str(&json));
    }
}
