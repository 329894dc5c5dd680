//! The API catalogue (DCAT-AP-SE) as RDF/XML and JSON-LD, read by a real RDF library (rdflib,
//! from PyPI, in the test venv): both forms are the same graph, and every node has what
//! DCAT-AP-SE makes mandatory.

use std::{io::Write, process::Command};

use crate::common::TestApp;

/// Runs rdflib on the two documents; answers its JSON summary.
fn rdflib(rdf_xml: &str, json_ld: &str) -> serde_json::Value {
    let venv = std::env::var("HOME").map(|h| format!("{h}/.cache/portal-moto/bin/python"));
    let python = std::env::var("PORTAL_PYTHON")
        .ok()
        .or_else(|| venv.ok().filter(|p| std::path::Path::new(p).exists()))
        .unwrap_or_else(|| "python3".into());
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("c.rdf"), rdf_xml).expect("write");
    std::fs::write(dir.path().join("c.jsonld"), json_ld).expect("write");
    let script = r##"
import json, sys
from rdflib import Graph, Namespace, RDF
from rdflib.compare import isomorphic
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
xml = Graph().parse(sys.argv[1] + "/c.rdf", format="xml")
ld = Graph().parse(sys.argv[1] + "/c.jsonld", format="json-ld")
mandatory = {
    DCAT.Catalog: [DCT.title, DCT.description, DCT.publisher, DCAT.dataset],
    DCAT.Dataset: [DCT.title, DCT.description, DCT.publisher, DCAT.contactPoint],
    DCAT.Distribution: [DCAT.accessURL],
    DCAT.DataService: [DCT.title, DCAT.endpointURL],
    FOAF.Agent: [FOAF.name],
    VCARD.Organization: [VCARD.fn],
}
missing = []
counts = {}
for kind, props in mandatory.items():
    nodes = list(xml.subjects(RDF.type, kind))
    counts[kind.split("#")[-1].split("/")[-1]] = len(nodes)
    for node in nodes:
        for p in props:
            if xml.value(node, p) is None:
                missing.append(f"{node} lacks {p}")
langs = sorted({o.language for o in xml.objects(None, DCT.title) if o.language})
print(json.dumps({"triples": len(xml), "same": isomorphic(xml, ld), "counts": counts,
                  "missing": missing, "languages": langs}))
"##;
    let out = Command::new(&python)
        .args(["-c", script, &dir.path().display().to_string()])
        .output()
        .unwrap_or_else(|e| panic!("the catalogue test needs {python} with rdflib: {e}"));
    assert!(
        out.status.success(),
        "rdflib: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::io::stderr().write_all(&out.stderr);
    serde_json::from_slice(&out.stdout).expect("json")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalogue_is_valid_dcat_ap_se_in_both_forms() {
    let app = TestApp::spawn().await;
    let get = |path: &'static str| {
        let url = format!("{}{path}", app.base);
        async move {
            let response = reqwest::get(url).await.expect("request");
            assert_eq!(response.status(), 200, "{path}");
            let kind = response.headers()["content-type"]
                .to_str()
                .expect("ascii")
                .to_owned();
            (kind, response.text().await.expect("body"))
        }
    };
    let (xml_type, xml) = get("/dcat.rdf").await;
    let (ld_type, ld) = get("/dcat.jsonld").await;
    assert!(xml_type.starts_with("application/rdf+xml"), "{xml_type}");
    assert_eq!(ld_type, "application/ld+json");
    let summary = rdflib(&xml, &ld);
    assert_eq!(summary["same"], true, "both forms are one graph: {summary}");
    assert_eq!(summary["missing"], serde_json::json!([]), "{summary}");
    assert_eq!(summary["counts"]["Catalog"], 1, "{summary}");
    for kind in ["Dataset", "Distribution", "DataService"] {
        assert_eq!(summary["counts"][kind], 5, "one per API page: {summary}");
    }
    assert_eq!(summary["languages"], serde_json::json!(["en", "sv"]));
    assert!(
        xml.contains("https://jobsearch.api.jobtechdev.se"),
        "the API's server is its endpoint"
    );
}
