//! One module per area of the portal.

mod catalog;
mod config_error;
mod home;
mod knowledge;
mod not_found;
mod settings;
mod tickets;

pub use catalog::{Catalog, CatalogItem};
pub use config_error::ConfigErrorPage;
pub use home::Home;
pub use knowledge::{Article, Knowledge};
pub use not_found::{MissingEntity, NotFound};
pub use settings::Settings;
pub use tickets::{Ticket, Tickets};

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::routes::decode_segment;
use crate::shell::platform;

/// The id in the current `/area/:id` address, decoded exactly once.
pub fn use_route_id() -> Memo<String> {
    let location = use_location();
    Memo::new(move |_| {
        location.pathname.track();
        decode_segment(&platform::raw_last_path_segment())
    })
}
