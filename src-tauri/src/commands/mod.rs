//! Thin IPC commands: take the state, call one use case, map the error. No rules here.

pub mod audit;
pub mod auth;
pub mod counter;
pub mod devices;
pub mod home;
pub mod quota;
pub mod safety;
pub mod setup;
pub mod sync;
pub mod users;

#[cfg(test)]
mod access;
