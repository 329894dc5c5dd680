//! The words of "Was this page helpful?". Kept apart from the pages' [`Strings`](super::Strings):
//! the form is drawn on the server and its island reads its messages from the page, so the
//! browser build never carries these.

use super::Lang;

/// The words of the feedback form and of its totals in the console.
#[derive(Debug)]
pub struct FeedbackStrings {
    /// The question.
    pub question: &'static str,
    /// The comment's label.
    pub comment: &'static str,
    /// Under the comment.
    pub comment_hint: &'static str,
    /// The buttons.
    pub yes: &'static str,
    /// The buttons.
    pub no: &'static str,
    /// After an answer was kept.
    pub thanks: &'static str,
    /// Too many answers.
    pub limited: &'static str,
    /// An answer that could not be read.
    pub invalid: &'static str,
    /// Nothing was kept (the database, the network).
    pub failed: &'static str,
    /// The console page's title.
    pub console_title: &'static str,
    /// The console page's introduction.
    pub console_intro: &'static str,
    /// Column: page.
    pub col_page: &'static str,
    /// Column: language.
    pub col_lang: &'static str,
    /// Column: helpful share.
    pub col_share: &'static str,
    /// Column: comments.
    pub col_comments: &'static str,
    /// Heading of the newest comments.
    pub newest: &'static str,
    /// Column: day.
    pub col_day: &'static str,
    /// Column: the comment.
    pub col_comment: &'static str,
    /// When there are no answers.
    pub none: &'static str,
}

const EN: FeedbackStrings = FeedbackStrings {
    question: "Was this page helpful?",
    comment: "What could be better? (optional)",
    comment_hint: "At most 500 characters. Please leave out names, e-mail addresses and phone \
                   numbers: addresses and long numbers are removed before we keep a comment.",
    yes: "Yes",
    no: "No",
    thanks: "Thank you for your answer.",
    limited: "You have answered many times in a short while. Please try again later.",
    invalid: "The answer could not be read: choose Yes or No, with at most 500 characters.",
    failed: "Your answer could not be saved just now. Please try again later.",
    console_title: "Page feedback",
    console_intro: "Answers to \"Was this page helpful?\" per page and language, the most \
                    answered first. Visitors are not identified.",
    col_page: "Page",
    col_lang: "Language",
    col_share: "Helpful",
    col_comments: "Comments",
    newest: "Newest comments",
    col_day: "Day",
    col_comment: "Comment",
    none: "No answers yet.",
};

const SV: FeedbackStrings = FeedbackStrings {
    question: "Var sidan till hjälp?",
    comment: "Vad kan bli bättre? (frivilligt)",
    comment_hint: "Högst 500 tecken. Skriv inte namn, e-postadresser eller telefonnummer: \
                   adresser och långa nummer tas bort innan vi sparar en kommentar.",
    yes: "Ja",
    no: "Nej",
    thanks: "Tack för ditt svar.",
    limited: "Du har svarat många gånger på kort tid. Försök igen senare.",
    invalid: "Svaret kunde inte läsas: välj Ja eller Nej, med högst 500 tecken.",
    failed: "Ditt svar kunde inte sparas just nu. Försök igen senare.",
    console_title: "Synpunkter på sidor",
    console_intro: "Svar på \"Var sidan till hjälp?\" per sida och språk, de mest besvarade \
                    först. Besökarna identifieras inte.",
    col_page: "Sida",
    col_lang: "Språk",
    col_share: "Till hjälp",
    col_comments: "Kommentarer",
    newest: "Senaste kommentarerna",
    col_day: "Dag",
    col_comment: "Kommentar",
    none: "Inga svar än.",
};

/// The feedback words in `lang`.
pub fn feedback_strings(lang: Lang) -> &'static FeedbackStrings {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}
