//! Several tabs of the portal on one device: one at a time sends the outbox (a Web Lock), and
//! each tells the others when the outbox changed (a BroadcastChannel), so every tab shows the
//! same pending list and nothing is sent twice.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `navigator.locks` (web-sys only has it behind its unstable APIs).
    type LockManager;
    #[wasm_bindgen(method, js_name = request)]
    fn request_with_options(
        this: &LockManager,
        name: &str,
        options: &JsValue,
        callback: &js_sys::Function,
    ) -> js_sys::Promise;
}

fn lock_manager() -> Option<LockManager> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("locks"))
        .ok()
        .filter(|l| !l.is_undefined() && !l.is_null())
        .map(JsCast::unchecked_into)
}

/// Runs `work` while holding the lock `name`, unless another tab holds it: then returns
/// `false` at once without running it. The lock is released when `work` ends, or when the
/// tab closes mid-way. Without Web Locks (old browsers), `work` simply runs.
pub async fn if_first<F>(name: &str, work: F) -> bool
where
    F: Future<Output = ()> + 'static,
{
    let Some(locks) = lock_manager() else {
        work.await;
        return true;
    };
    let ran = Rc::new(Cell::new(false));
    let work = RefCell::new(Some(work));
    let flag = ran.clone();
    let callback = Closure::once(move |lock: JsValue| -> js_sys::Promise {
        match work.borrow_mut().take() {
            Some(work) if !lock.is_null() => {
                flag.set(true);
                wasm_bindgen_futures::future_to_promise(async move {
                    work.await;
                    Ok(JsValue::UNDEFINED)
                })
            }
            _ => js_sys::Promise::resolve(&JsValue::UNDEFINED),
        }
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let held = locks.request_with_options(name, &options, callback.as_ref().unchecked_ref());
    if let Err(e) = wasm_bindgen_futures::JsFuture::from(held).await {
        super::platform::warn(&format!("the outbox lock failed: {e:?}"));
    }
    ran.get()
}

/// A channel to the portal's other tabs on this device.
pub struct Channel {
    channel: web_sys::BroadcastChannel,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Channel {
    /// Listens on `name`; `heard` runs with each message another tab posts.
    pub fn open(name: &str, mut heard: impl FnMut(String) + 'static) -> Option<Channel> {
        let channel = web_sys::BroadcastChannel::new(name).ok()?;
        let on_message = Closure::<dyn FnMut(_)>::new(move |event: web_sys::MessageEvent| {
            if let Some(text) = event.data().as_string() {
                heard(text);
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Channel {
            channel,
            _on_message: on_message,
        })
    }

    /// Tells the other tabs (not this one).
    pub fn post(&self, text: &str) {
        let _ = self.channel.post_message(&JsValue::from_str(text));
    }
}
