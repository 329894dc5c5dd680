//! The agency's API catalogue for dataportal.se: DCAT-AP-SE, as RDF/XML at `/dcat.rdf` and as
//! JSON-LD at `/dcat.jsonld`, generated from the API pages (those whose front matter names an
//! OpenAPI file). Each API is a `dcat:DataService` (its server is the endpoint, its page the
//! description) serving a `dcat:Dataset` (the data it gives) with one `dcat:Distribution`
//! reached through that service; titles and descriptions come in both languages.

use std::fmt::Write as _;

use axum::{Router, extract::State, response::Response, routing::get};
use domain::{
    lang::Lang,
    openapi::ApiReference,
    site::{Block, Page, Site},
};
use serde_json::{Value, json};

use crate::{
    feeds::{answer, xml},
    published::Content,
    state::{AppState, SiteOrigin},
};

/// The routes: `/dcat.rdf` and `/dcat.jsonld`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dcat.rdf", get(catalog_rdf))
        .route("/dcat.jsonld", get(catalog_json_ld))
}

/// Who publishes the catalogue and its data.
const PUBLISHER: &str = "Arbetsförmedlingen";
/// The publisher's organisation number, as dataportal.se identifies agencies.
const PUBLISHER_ID: &str = "http://dataportal.se/organisation/SE2021002114";
/// Where to write about the APIs.
const CONTACT_EMAIL: &str = "mailto:jobtechdev@arbetsformedlingen.se";
/// The data's licence: CC0.
const LICENSE: &str = "http://creativecommons.org/publicdomain/zero/1.0/";
/// The EU's data theme for the labour market's data (economy and finance).
const THEME: &str = "http://publications.europa.eu/resource/authority/data-theme/ECON";

/// One API in both languages.
struct Entry<'a> {
    en: &'a Page,
    sv: Option<&'a Page>,
    api: &'a ApiReference,
}

fn api_of(page: &Page) -> Option<&ApiReference> {
    page.body.iter().find_map(|b| match b {
        Block::ApiReference(api) => Some(api.as_ref()),
        _ => None,
    })
}

fn entries(site: &Site) -> Vec<Entry<'_>> {
    let mut list: Vec<Entry<'_>> = site
        .pages()
        .filter(|p| p.lang == Lang::En)
        .filter_map(|en| {
            Some(Entry {
                en,
                sv: site.translation(en, Lang::Sv),
                api: api_of(en)?,
            })
        })
        .collect();
    list.sort_by(|a, b| a.en.url.cmp(&b.en.url));
    list
}

/// The catalogue's nodes: (subject, type, properties), each property a (predicate, object).
#[derive(Debug)]
enum Object {
    /// Another resource.
    Link(String),
    /// Text in a language.
    Text(String, &'static str),
    /// A plain literal.
    Plain(String),
}

type Node = (String, &'static str, Vec<(&'static str, Object)>);

fn graph(site: &Site, base: &str) -> Vec<Node> {
    use Object::{Link, Plain, Text};
    let catalog = format!("{base}/dcat.rdf#catalog");
    let publisher = PUBLISHER_ID.to_owned();
    let contact = format!("{base}/dcat.rdf#contact");
    let mut nodes = Vec::new();
    let mut catalog_props = vec![
        ("dct:title", Text("JobTech Development: API:er och data".into(), "sv")),
        ("dct:title", Text("JobTech Development: APIs and data".into(), "en")),
        (
            "dct:description",
            Text(
                "Arbetsförmedlingens öppna API:er och data om arbetsmarknaden.".into(),
                "sv",
            ),
        ),
        (
            "dct:description",
            Text(
                "The Swedish Public Employment Service's open APIs and data about the labour market."
                    .into(),
                "en",
            ),
        ),
        ("dct:publisher", Link(publisher.clone())),
        ("foaf:homepage", Link(format!("{base}/"))),
        ("dct:license", Link(LICENSE.into())),
        (
            "dct:language",
            Link("http://publications.europa.eu/resource/authority/language/SWE".into()),
        ),
        (
            "dct:language",
            Link("http://publications.europa.eu/resource/authority/language/ENG".into()),
        ),
    ];
    for entry in entries(site) {
        let page = format!("{base}{}", entry.en.url);
        let dataset = format!("{page}#dataset");
        let distribution = format!("{page}#distribution");
        let service = format!("{page}#service");
        catalog_props.push(("dcat:dataset", Link(dataset.clone())));
        catalog_props.push(("dcat:service", Link(service.clone())));
        let texts = |node: &mut Vec<(&'static str, Object)>| {
            node.push(("dct:title", Text(entry.en.title.clone(), "en")));
            let en = entry.en.description.clone().unwrap_or_default();
            node.push(("dct:description", Text(en, "en")));
            if let Some(sv) = entry.sv {
                node.push(("dct:title", Text(sv.title.clone(), "sv")));
                let text = sv.description.clone().unwrap_or_default();
                node.push(("dct:description", Text(text, "sv")));
            }
        };
        let mut data = Vec::new();
        texts(&mut data);
        data.extend([
            ("dct:publisher", Link(publisher.clone())),
            ("dcat:contactPoint", Link(contact.clone())),
            ("dcat:landingPage", Link(page.clone())),
            ("dcat:theme", Link(THEME.into())),
            ("dcat:distribution", Link(distribution.clone())),
        ]);
        if let Some(updated) = entry.en.updated {
            data.push(("dct:modified", Plain(updated.to_string())));
        }
        nodes.push((dataset.clone(), "dcat:Dataset", data));
        let endpoint = entry.api.servers.first().cloned().unwrap_or(page.clone());
        nodes.push((
            distribution,
            "dcat:Distribution",
            vec![
                ("dct:title", Text(entry.api.title.clone(), "en")),
                ("dcat:accessURL", Link(endpoint.clone())),
                ("dcat:accessService", Link(service.clone())),
                ("dct:license", Link(LICENSE.into())),
                ("dct:format", Plain("application/json".into())),
            ],
        ));
        let mut api = Vec::new();
        texts(&mut api);
        api.extend([
            ("dcat:endpointURL", Link(endpoint)),
            ("dcat:endpointDescription", Link(page.clone())),
            ("dcat:servesDataset", Link(dataset)),
            ("dct:publisher", Link(publisher.clone())),
            ("dcat:contactPoint", Link(contact.clone())),
            ("dct:license", Link(LICENSE.into())),
        ]);
        nodes.push((service, "dcat:DataService", api));
    }
    nodes.insert(0, (catalog, "dcat:Catalog", catalog_props));
    nodes.push((
        publisher,
        "foaf:Agent",
        vec![
            ("foaf:name", Text(PUBLISHER.into(), "sv")),
            (
                "dct:type",
                Link("http://purl.org/adms/publishertype/NationalAuthority".into()),
            ),
        ],
    ));
    nodes.push((
        contact,
        "vcard:Organization",
        vec![
            ("vcard:fn", Plain("JobTech Development".into())),
            ("vcard:hasEmail", Link(CONTACT_EMAIL.into())),
        ],
    ));
    nodes
}

const PREFIXES: [(&str, &str); 5] = [
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("vcard", "http://www.w3.org/2006/vcard/ns#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
];

/// The catalogue as RDF/XML.
pub fn rdf_xml(site: &Site, base: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rdf:RDF");
    for (prefix, iri) in PREFIXES {
        let _ = write!(out, "\n    xmlns:{prefix}=\"{iri}\"");
    }
    out.push_str(">\n");
    for (subject, kind, properties) in graph(site, base) {
        let _ = writeln!(out, "  <{kind} rdf:about=\"{}\">", xml(&subject));
        for (predicate, object) in properties {
            let _ = match object {
                Object::Link(iri) => {
                    writeln!(out, "    <{predicate} rdf:resource=\"{}\"/>", xml(&iri))
                }
                Object::Text(text, lang) => writeln!(
                    out,
                    "    <{predicate} xml:lang=\"{lang}\">{}</{predicate}>",
                    xml(&text)
                ),
                Object::Plain(text) => {
                    writeln!(out, "    <{predicate}>{}</{predicate}>", xml(&text))
                }
            };
        }
        let _ = writeln!(out, "  </{kind}>");
    }
    out.push_str("</rdf:RDF>\n");
    out
}

/// The catalogue as JSON-LD (the same graph).
pub fn json_ld(site: &Site, base: &str) -> Value {
    let context: serde_json::Map<String, Value> = PREFIXES
        .iter()
        .map(|(p, iri)| ((*p).to_owned(), Value::String((*iri).to_owned())))
        .collect();
    let nodes: Vec<Value> = graph(site, base)
        .into_iter()
        .map(|(subject, kind, properties)| {
            let mut node = serde_json::Map::new();
            node.insert("@id".into(), Value::String(subject));
            node.insert("@type".into(), Value::String(kind.into()));
            for (predicate, object) in properties {
                let value = match object {
                    Object::Link(iri) => json!({ "@id": iri }),
                    Object::Text(text, lang) => json!({ "@value": text, "@language": lang }),
                    Object::Plain(text) => Value::String(text),
                };
                match node.get_mut(predicate) {
                    Some(Value::Array(list)) => list.push(value),
                    _ => {
                        node.insert(predicate.into(), Value::Array(vec![value]));
                    }
                }
            }
            Value::Object(node)
        })
        .collect();
    json!({ "@context": context, "@graph": nodes })
}

/// `/dcat.rdf`
pub async fn catalog_rdf(
    State(content): State<Content>,
    State(origin): State<SiteOrigin>,
) -> Response {
    answer(
        "application/rdf+xml; charset=utf-8",
        rdf_xml(&content.site(), &origin.0),
    )
}

/// `/dcat.jsonld`
pub async fn catalog_json_ld(
    State(content): State<Content>,
    State(origin): State<SiteOrigin>,
) -> Response {
    answer(
        "application/ld+json",
        json_ld(&content.site(), &origin.0).to_string(),
    )
}
