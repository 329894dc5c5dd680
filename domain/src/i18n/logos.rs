//! Logos and the showcase: upload, removal, the listing's states and the logo problems (`l_…`).

/// Logos and the showcase: upload, removal, the listing's states and the logo problems (`l_…`).
#[derive(Debug)]
pub struct LogoStrings {
    /// Heading of the logo section.
    pub logo_heading: &'static str,
    /// When no logo is uploaded.
    pub logo_none: &'static str,
    /// Label of the logo file input.
    pub logo_label: &'static str,
    /// Hint under the logo input.
    pub logo_hint: &'static str,
    /// Drop zone text.
    pub logo_drop: &'static str,
    /// Accessible name of the preview.
    pub logo_preview: &'static str,
    /// Uploads the logo.
    pub upload_logo: &'static str,
    /// Removes the logo.
    pub remove_logo: &'static str,
    /// Label of the upload progress bar.
    pub logo_progress: &'static str,
    /// Alt text of a logo (company name follows).
    pub logo_alt: &'static str,
    /// Showcase toggle.
    pub published_label: &'static str,
    /// Account page: the company is not on the showcase (its own choice).
    pub listing_unlisted: &'static str,
    /// Account page: the company is on the showcase.
    pub listing_shown: &'static str,
    /// Account page: the publication waits for an operator's approval.
    pub listing_awaiting: &'static str,
    /// Shown as approved, with changes waiting for review.
    pub listing_changes: &'static str,
    /// Account page: an operator took the company off the showcase.
    pub listing_hidden: &'static str,
    /// Title of the page shown when the showcase cannot be read.
    pub showcase_unavailable_title: &'static str,
    /// Showcase without companies.
    pub showcase_empty: &'static str,
    /// Link text of a company website.
    pub showcase_website: &'static str,
    /// Heading of a company's social links.
    pub showcase_social: &'static str,
    /// A logo cannot be read from the storage.
    pub logo_unavailable: &'static str,
    /// Logo stored.
    pub n_logo_saved: &'static str,
    /// Logo removed.
    pub n_logo_removed: &'static str,
    /// Upload without a file.
    pub l_no_file: &'static str,
    /// Empty file.
    pub l_empty: &'static str,
    /// Too large (limit in MB follows).
    pub l_too_large: &'static str,
    /// Unsupported type.
    pub l_unsupported: &'static str,
    /// Damaged image.
    pub l_broken: &'static str,
    /// Pixel limit.
    pub l_too_many_pixels: &'static str,
    /// A logo drawing with too many elements.
    pub l_too_complex: &'static str,
    /// Showcase empty state: the invitation to register.
    pub showcase_join: &'static str,
}

/// English.
pub(super) const EN: LogoStrings = LogoStrings {
    logo_heading: "Logo",
    logo_none: "No logo uploaded yet.",
    logo_label: "Logo file (PNG, JPEG, WebP or SVG)",
    logo_hint: "The image is stored as a PNG within 512 × 512 pixels; its metadata is removed. Largest file size in MB:",
    logo_drop: "or drop a file here",
    logo_preview: "Preview",
    upload_logo: "Upload the logo",
    remove_logo: "Remove the logo",
    logo_progress: "Upload",
    logo_alt: "Logo of",
    published_label: "Show the company on the showcase",
    listing_unlisted: "Not shown on the showcase.",
    listing_shown: "Shown on the showcase.",
    listing_awaiting: "Waiting for approval: the site's editors look at new companies before they are shown.",
    listing_changes: "Shown as last approved. Your latest changes wait for the site's editors; they appear once approved.",
    listing_hidden: "Taken off the showcase by the site's editors. Contact them to have it shown again.",
    showcase_unavailable_title: "The showcase is unavailable",
    showcase_empty: "No companies are shown here yet.",
    showcase_website: "Website",
    showcase_social: "Social media",
    logo_unavailable: "The logo cannot be shown right now. Try again in a while.",
    n_logo_saved: "The logo is saved.",
    n_logo_removed: "The logo is removed.",
    l_no_file: "Choose an image file first.",
    l_empty: "The file is empty.",
    l_too_large: "The file is too large. The largest size allowed is",
    l_unsupported: "The file is not a PNG, JPEG, WebP or SVG image.",
    l_broken: "The image is damaged or cannot be read.",
    l_too_many_pixels: "The image is too large: at most 4096 × 4096 pixels.",
    l_too_complex: "The drawing is too complex: at most 10,000 elements. Save it as PNG, or simplify it.",
    showcase_join: "Register your company",
};

/// Swedish.
pub(super) const SV: LogoStrings = LogoStrings {
    logo_heading: "Logotyp",
    logo_none: "Ingen logotyp uppladdad ännu.",
    logo_label: "Logotypfil (PNG, JPEG, WebP eller SVG)",
    logo_hint: "Bilden sparas som PNG inom 512 × 512 bildpunkter; bildens metadata tas bort. Största filstorlek i MB:",
    logo_drop: "eller släpp en fil här",
    logo_preview: "Förhandsvisning",
    upload_logo: "Ladda upp logotypen",
    remove_logo: "Ta bort logotypen",
    logo_progress: "Uppladdning",
    logo_alt: "Logotyp för",
    published_label: "Visa företaget i företagsgalleriet",
    listing_unlisted: "Visas inte i företagsgalleriet.",
    listing_shown: "Visas i företagsgalleriet.",
    listing_awaiting: "Väntar på godkännande: webbplatsens redaktörer går igenom nya företag innan de visas.",
    listing_changes: "Visas som senast godkänt. Dina senaste ändringar väntar på webbplatsens redaktörer och syns när de har godkänts.",
    listing_hidden: "Borttaget ur företagsgalleriet av webbplatsens redaktörer. Kontakta dem för att visas igen.",
    showcase_unavailable_title: "Företagsgalleriet är inte tillgängligt",
    showcase_empty: "Inga företag visas här ännu.",
    showcase_website: "Webbplats",
    showcase_social: "Sociala medier",
    logo_unavailable: "Logotypen kan inte visas just nu. Försök igen om en stund.",
    n_logo_saved: "Logotypen är sparad.",
    n_logo_removed: "Logotypen är borttagen.",
    l_no_file: "Välj en bildfil först.",
    l_empty: "Filen är tom.",
    l_too_large: "Filen är för stor. Största tillåtna storlek är",
    l_unsupported: "Filen är inte en PNG-, JPEG-, WebP- eller SVG-bild.",
    l_broken: "Bilden är skadad eller går inte att läsa.",
    l_too_many_pixels: "Bilden är för stor: högst 4096 × 4096 bildpunkter.",
    l_too_complex: "Teckningen är för komplicerad: högst 10 000 element. Spara den som PNG eller förenkla den.",
    showcase_join: "Registrera ert företag",
};
