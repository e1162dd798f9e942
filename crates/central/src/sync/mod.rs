//! The offices' sync, central side (issue #12): a counter PC's push, stored exactly once and
//! applied to the office's bookings, and its pulls of what changed since.

mod apply;
pub mod feed;
mod pull;
mod push;
mod seats;
mod state;

pub use feed::ChangeFeed;
pub use pull::pull;
pub use push::push;
