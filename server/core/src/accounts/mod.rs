//! Company accounts' stored side: passwords and the account store.

pub mod passwords;
pub mod store;
