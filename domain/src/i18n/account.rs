//! The account pages and forms: registration, login, the account page, recovery and address change.

/// The account pages and forms: registration, login, the account page, recovery and address change.
#[derive(Debug)]
pub struct AccountStrings {
    /// Link and button that log in.
    pub log_in: &'static str,
    /// Button that logs out.
    pub log_out: &'static str,
    /// Link and button that register.
    pub register: &'static str,
    /// Link to the account page.
    pub account: &'static str,
    /// Accessible name of the header's account links.
    pub account_navigation: &'static str,
    /// Title of the registration page.
    pub register_title: &'static str,
    /// Text on the registration page.
    pub register_intro: &'static str,
    /// Title of the login page.
    pub login_title: &'static str,
    /// Meta description of the login, account and password pages.
    pub account_pages_description: &'static str,
    /// Title of the account page.
    pub account_title: &'static str,
    /// Label of the company name.
    pub company_label: &'static str,
    /// Label of the e-mail address.
    pub email_label: &'static str,
    /// Label of the password.
    pub password_label: &'static str,
    /// Hint under a new password.
    pub password_hint: &'static str,
    /// Label of the current password.
    pub current_password_label: &'static str,
    /// Label of the new password.
    pub new_password_label: &'static str,
    /// Label of the description.
    pub description_label: &'static str,
    /// Label of the website.
    pub website_label: &'static str,
    /// Label of the social-media links.
    pub social_label: &'static str,
    /// Hint under URL fields.
    pub url_hint: &'static str,
    /// Link from login to registration.
    pub no_account: &'static str,
    /// Link from registration to login.
    pub have_account: &'static str,
    /// Heading of the profile form.
    pub profile_heading: &'static str,
    /// Saves the profile.
    pub save_profile: &'static str,
    /// Heading of the password form.
    pub password_heading: &'static str,
    /// Changes the password.
    pub change_password: &'static str,
    /// Heading of the data export.
    pub export_heading: &'static str,
    /// Account page: the heading of the sessions part.
    pub sessions_heading: &'static str,
    /// Account page: what logging out everywhere does.
    pub sessions_text: &'static str,
    /// Account page: the button that logs out everywhere.
    pub log_out_everywhere: &'static str,
    /// Text of the data export.
    pub export_text: &'static str,
    /// Downloads the data.
    pub export_button: &'static str,
    /// Heading of account deletion.
    pub delete_heading: &'static str,
    /// Text of account deletion.
    pub delete_text: &'static str,
    /// Deletes the account.
    pub delete_button: &'static str,
    /// Before the company name in the header.
    pub logged_in_as: &'static str,
    /// On login and registration pages in all-or-nothing mode before consent.
    pub login_needs_consent: &'static str,
    /// Link from the login page to the password reset.
    pub forgot_link: &'static str,
    /// Title of the page that sends a reset link.
    pub forgot_title: &'static str,
    /// Text of that page.
    pub forgot_intro: &'static str,
    /// Button that sends the reset link.
    pub send_reset_link: &'static str,
    /// Title of the page where a new password is chosen.
    pub reset_title: &'static str,
    /// Text of that page.
    pub reset_intro: &'static str,
    /// Button that saves the new password.
    pub reset_button: &'static str,
    /// Title of the page a verification link opens.
    pub verify_title: &'static str,
    /// Text of that page.
    pub verify_intro: &'static str,
    /// Button that confirms the address.
    pub verify_button: &'static str,
    /// Heading of the account page's address section.
    pub email_heading: &'static str,
    /// Label of the new address.
    pub new_email_label: &'static str,
    /// Hint under the new address.
    pub email_change_hint: &'static str,
    /// Label of the password that confirms an address change.
    pub email_password_label: &'static str,
    /// Button that asks for the address change.
    pub change_email: &'static str,
    /// Account page: the address is not confirmed.
    pub unverified_text: &'static str,
    /// Button that sends the verification link again.
    pub resend_button: &'static str,
    /// Account page: a new address waits for confirmation.
    pub pending_email_text: &'static str,
    /// Listing: asked to be shown, address not confirmed.
    pub listing_unverified: &'static str,
}

/// English.
pub(super) const EN: AccountStrings = AccountStrings {
    log_in: "Log in",
    log_out: "Log out",
    register: "Register",
    account: "Account",
    account_navigation: "Account",
    register_title: "Register your company",
    register_intro: "Registered companies can present their service and publish their logo on the site.",
    login_title: "Log in",
    account_pages_description: "Companies on the portal's showcase log in here to edit their presentation, upload their logo and manage their account.",
    account_title: "Your account",
    company_label: "Company name",
    email_label: "Contact e-mail",
    password_label: "Password",
    password_hint: "At least 12 and at most 128 characters. Common passwords are refused.",
    current_password_label: "Current password",
    new_password_label: "New password",
    description_label: "Description",
    website_label: "Website",
    social_label: "Social media links (one per line)",
    url_hint: "Addresses starting with https:// or http://.",
    no_account: "No account yet? Register your company",
    have_account: "Already registered? Log in",
    profile_heading: "Company profile",
    save_profile: "Save profile",
    password_heading: "Change password",
    change_password: "Change password",
    export_heading: "Your data",
    sessions_heading: "Logged in elsewhere?",
    sessions_text: "Log out on every computer and phone, this one too. Links mailed to the account (confirmation, address change, password reset) stop working as well. Change the password too if someone else knows it.",
    log_out_everywhere: "Log out everywhere",
    export_text: "Download everything the site holds about your company as a JSON file.",
    export_button: "Download the data (JSON)",
    delete_heading: "Delete the account",
    delete_text: "The account, its profile and every login session are deleted at once and cannot be restored. Confirm with your password.",
    delete_button: "Delete the account for good",
    logged_in_as: "Logged in as",
    login_needs_consent: "Logging in needs cookies. Accept cookies to log in or register.",
    forgot_link: "Forgot your password?",
    forgot_title: "Reset your password",
    forgot_intro: "Enter the e-mail address of your account. If it has one, we send a link there to choose a new password. The link works once, for one hour.",
    send_reset_link: "Send the link",
    reset_title: "Choose a new password",
    reset_intro: "Choosing a new password logs out everyone who is logged in to the account.",
    reset_button: "Save the new password",
    verify_title: "Confirm your e-mail address",
    verify_intro: "Press the button to confirm that the address is yours.",
    verify_button: "Confirm the address",
    email_heading: "E-mail address",
    new_email_label: "New e-mail address",
    email_change_hint: "We send a link to the new address. The account keeps the current address until the link is opened, and we tell the current address about the change.",
    email_password_label: "Your password, to confirm",
    change_email: "Change the address",
    unverified_text: "Your e-mail address is not confirmed yet. Open the link we sent to it; until then the company cannot appear on the showcase.",
    resend_button: "Send the link again",
    pending_email_text: "Waiting for confirmation from:",
    listing_unverified: "Not shown yet: confirm your e-mail address first.",
};

/// Swedish.
pub(super) const SV: AccountStrings = AccountStrings {
    log_in: "Logga in",
    log_out: "Logga ut",
    register: "Registrera",
    account: "Konto",
    account_navigation: "Konto",
    register_title: "Registrera ditt företag",
    register_intro: "Registrerade företag kan presentera sin tjänst och publicera sin logotyp på webbplatsen.",
    login_title: "Logga in",
    account_pages_description: "Företag i portalens visningsfönster loggar in här för att ändra sin presentation, ladda upp sin logotyp och sköta sitt konto.",
    account_title: "Ditt konto",
    company_label: "Företagets namn",
    email_label: "Kontaktadress (e-post)",
    password_label: "Lösenord",
    password_hint: "Minst 12 och högst 128 tecken. Vanliga lösenord godtas inte.",
    current_password_label: "Nuvarande lösenord",
    new_password_label: "Nytt lösenord",
    description_label: "Beskrivning",
    website_label: "Webbplats",
    social_label: "Länkar till sociala medier (en per rad)",
    url_hint: "Adresser som börjar med https:// eller http://.",
    no_account: "Inget konto ännu? Registrera ditt företag",
    have_account: "Redan registrerad? Logga in",
    profile_heading: "Företagsprofil",
    save_profile: "Spara profilen",
    password_heading: "Byt lösenord",
    change_password: "Byt lösenord",
    export_heading: "Dina uppgifter",
    sessions_heading: "Inloggad någon annanstans?",
    sessions_text: "Logga ut på alla datorer och telefoner, även den här. Länkar som skickats till kontot (bekräftelse, ny adress, nytt lösenord) slutar också att fungera. Byt lösenord också om någon annan känner till det.",
    log_out_everywhere: "Logga ut överallt",
    export_text: "Ladda ned allt webbplatsen har sparat om ditt företag som en JSON-fil.",
    export_button: "Ladda ned uppgifterna (JSON)",
    delete_heading: "Radera kontot",
    delete_text: "Kontot, profilen och alla inloggningar raderas direkt och kan inte återställas. Bekräfta med ditt lösenord.",
    delete_button: "Radera kontot för gott",
    logged_in_as: "Inloggad som",
    login_needs_consent: "Inloggning kräver kakor. Godkänn kakor för att logga in eller registrera dig.",
    forgot_link: "Glömt lösenordet?",
    forgot_title: "Återställ lösenordet",
    forgot_intro: "Ange e-postadressen för ditt konto. Om adressen har ett konto skickar vi dit en länk där du väljer ett nytt lösenord. Länken fungerar en gång, i en timme.",
    send_reset_link: "Skicka länken",
    reset_title: "Välj ett nytt lösenord",
    reset_intro: "När du väljer ett nytt lösenord loggas alla som är inloggade på kontot ut.",
    reset_button: "Spara det nya lösenordet",
    verify_title: "Bekräfta din e-postadress",
    verify_intro: "Tryck på knappen för att bekräfta att adressen är din.",
    verify_button: "Bekräfta adressen",
    email_heading: "E-postadress",
    new_email_label: "Ny e-postadress",
    email_change_hint: "Vi skickar en länk till den nya adressen. Kontot behåller den nuvarande adressen tills länken öppnas, och vi meddelar den nuvarande adressen om ändringen.",
    email_password_label: "Ditt lösenord, för att bekräfta",
    change_email: "Byt adress",
    unverified_text: "Din e-postadress är inte bekräftad ännu. Öppna länken vi skickade dit; till dess kan företaget inte visas i företagsgalleriet.",
    resend_button: "Skicka länken igen",
    pending_email_text: "Väntar på bekräftelse från:",
    listing_unverified: "Visas inte ännu: bekräfta först din e-postadress.",
};
