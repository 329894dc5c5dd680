//! The types of the contract between the islands and the server: the account forms, the
//! account actions and what a server function answers when it does not carry out its action.
//! The server functions themselves are in `app::api`.

pub mod error;
pub mod forms;

pub use error::{ApiError, Refusal, UploadAnswer};
pub use forms::{
    Action, DeleteForm, EmailForm, ForgotForm, LoginForm, PasswordForm, ProfileForm, RegisterForm,
    ResetForm, TokenForm,
};
