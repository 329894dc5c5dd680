//! Reading the mails the server sent: `.eml` files from its outbox, or the messages a real SMTP
//! server (aiosmtpd, from PyPI) stored in a maildir.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

use base64::Engine;

/// One delivered mail, decoded.
#[derive(Debug, Clone)]
pub struct Mail {
    /// Its file.
    pub file: PathBuf,
    /// The `To` header.
    pub to: String,
    /// The `Subject` header, decoded.
    pub subject: String,
    /// `Content-Language`.
    pub language: String,
    /// The plain-text part, decoded.
    pub text: String,
    /// The HTML part, decoded.
    pub html: String,
}

impl Mail {
    /// The first link in the text that contains `part` (`/verify?token=`, `/reset?token=`).
    pub fn link(&self, part: &str) -> Option<String> {
        self.text
            .split_whitespace()
            .find(|w| w.starts_with("http") && w.contains(part))
            .map(str::to_owned)
    }

    /// The link's path and query (what a test client requests).
    pub fn path(&self, part: &str) -> String {
        let link = self
            .link(part)
            .unwrap_or_else(|| panic!("no {part} link in {:?}", self.text));
        let rest = link.split_once("://").expect("absolute").1;
        rest[rest.find('/').expect("path")..].to_owned()
    }
}

/// Every mail in `dir` (an outbox, or a maildir's `new/`), oldest first.
pub fn mails_in(dir: &Path) -> Vec<Mail> {
    let mut files = super::files_in(dir);
    files.sort_by_key(|p| {
        (
            std::fs::metadata(p).and_then(|m| m.modified()).ok(),
            p.clone(),
        )
    });
    files.into_iter().map(|f| parse(&f)).collect()
}

/// Waits (up to 15 s) until `dir` holds a mail to `to` whose subject contains `subject`, and
/// returns the newest such mail.
pub async fn wait_for(dir: &Path, to: &str, subject: &str) -> Mail {
    for _ in 0..150 {
        if let Some(mail) = mails_in(dir)
            .into_iter()
            .rev()
            .find(|m| m.to.contains(to) && m.subject.contains(subject))
        {
            return mail;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "no mail to {to} about {subject:?} in {}; there are {:?}",
        dir.display(),
        mails_in(dir)
            .iter()
            .map(|m| (&m.to, &m.subject))
            .collect::<Vec<_>>()
    );
}

fn parse(file: &Path) -> Mail {
    let raw = std::fs::read_to_string(file).expect("mail is text");
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").expect("headers and body");
    let header = |name: &str| {
        unfold(head)
            .into_iter()
            .find_map(|(k, v)| k.eq_ignore_ascii_case(name).then_some(v))
            .unwrap_or_default()
    };
    let mut mail = Mail {
        file: file.to_owned(),
        to: header("To"),
        subject: decode_words(&header("Subject")),
        language: header("Content-Language"),
        text: String::new(),
        html: String::new(),
    };
    let content_type = header("Content-Type");
    let boundary = content_type
        .split("boundary=")
        .nth(1)
        .expect("a multipart mail")
        .trim_matches('"')
        .to_owned();
    for part in body.split(&format!("--{boundary}")).skip(1) {
        let Some((part_head, part_body)) = part.trim_start_matches('\n').split_once("\n\n") else {
            continue;
        };
        let fields = unfold(part_head);
        let get = |n: &str| {
            fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let decoded = decode(&get("Content-Transfer-Encoding"), part_body);
        if get("Content-Type").starts_with("text/plain") {
            mail.text = decoded;
        } else if get("Content-Type").starts_with("text/html") {
            mail.html = decoded;
        }
    }
    mail
}

fn unfold(head: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push_str(line.trim_start());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    out
}

fn decode(encoding: &str, body: &str) -> String {
    let body = body.trim_end_matches(['\n', '-']);
    match encoding.to_ascii_lowercase().as_str() {
        "base64" => {
            let joined: String = body.split_whitespace().collect();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(joined)
                .expect("base64 part");
            String::from_utf8(bytes).expect("utf-8 part")
        }
        "quoted-printable" => quoted_printable(body),
        _ => body.to_owned(),
    }
}

fn quoted_printable(body: &str) -> String {
    let joined = body.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("utf-8 part")
}

/// `=?utf-8?b?…?=` / `=?utf-8?q?…?=` words in a header.
fn decode_words(value: &str) -> String {
    value
        .split_whitespace()
        .map(|word| {
            let Some(inner) = word.strip_prefix("=?").and_then(|w| w.strip_suffix("?=")) else {
                return word.to_owned();
            };
            let mut it = inner.splitn(3, '?');
            let (_, enc, text) = (it.next(), it.next().unwrap_or(""), it.next().unwrap_or(""));
            if enc.eq_ignore_ascii_case("b") {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(text)
                    .unwrap_or_default();
                String::from_utf8(bytes).unwrap_or_default()
            } else {
                quoted_printable(&text.replace('_', " "))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A real SMTP server (aiosmtpd) on a loopback port, storing every message in a maildir;
/// stopped on drop.
pub struct Smtp {
    child: Child,
    /// Its port.
    pub port: u16,
    /// The maildir (messages land in `new/`).
    pub maildir: tempfile::TempDir,
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Smtp {
    /// The test certificate authority's certificate (with TLS).
    pub fn ca(&self) -> PathBuf {
        self.maildir.path().join("ca.pem")
    }

    /// Where delivered messages are.
    pub fn inbox(&self) -> PathBuf {
        self.maildir.path().join("box").join("new")
    }
}

/// A free loopback port (nothing listens on it afterwards).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port()
}

/// How the test SMTP server offers TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerTls {
    /// Not at all.
    None,
    /// `STARTTLS`, required before mail is accepted.
    Starttls,
    /// TLS from the first byte.
    Implicit,
}

/// Starts aiosmtpd on `port`, delivering into a fresh maildir.
pub async fn start_smtp(port: u16) -> Smtp {
    start_smtp_with(port, ServerTls::None).await
}

/// A test certificate authority (`ca.pem`) and a certificate for `localhost` signed by it
/// (`cert.pem`, `key.pem`), made with the `openssl` command in `dir`.
pub fn make_certificates(dir: &Path) {
    let run = |args: &[&str]| {
        let status = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap_or_else(|e| panic!("the TLS mail tests need the `openssl` command: {e}"));
        assert!(status.success(), "openssl {args:?}");
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    run(&[
        &["req", "-x509"],
        &ec[..],
        &[
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=Portal test CA",
        ],
    ]
    .concat());
    run(&[
        &["req"],
        &ec[..],
        &[
            "-keyout",
            "key.pem",
            "-out",
            "leaf.csr",
            "-subj",
            "/CN=localhost",
        ],
    ]
    .concat());
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .expect("extensions");
    run(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "cert.pem",
        "-days",
        "2",
        "-extfile",
        "leaf.ext",
    ]);
}

/// Starts aiosmtpd on `port` with `tls` (certificates from [`make_certificates`] in the
/// maildir's folder), delivering into a fresh maildir.
pub async fn start_smtp_with(port: u16, tls: ServerTls) -> Smtp {
    let binary = std::env::var("AIOSMTPD").unwrap_or_else(|_| "aiosmtpd".into());
    let maildir = tempfile::tempdir().expect("maildir");
    let mut command = Command::new(&binary);
    if tls != ServerTls::None {
        make_certificates(maildir.path());
        let (cert, key) = match tls {
            ServerTls::Implicit => ("--smtpscert", "--smtpskey"),
            _ => ("--tlscert", "--tlskey"),
        };
        command
            .arg(cert)
            .arg(maildir.path().join("cert.pem"))
            .arg(key)
            .arg(maildir.path().join("key.pem"));
    }
    let child = command
        .args(["-n", "-l", &format!("127.0.0.1:{port}")])
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir.path().join("box"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("the mail tests need `{binary}` (pip install aiosmtpd): {e}"));
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Smtp {
        child,
        port,
        maildir,
    }
}

/// Sends mail to `port` on loopback (no TLS), retrying fast.
pub fn smtp_to(port: u16) -> impl FnOnce(&mut server::Settings) {
    move |s: &mut server::Settings| {
        super::granular(s);
        s.mail.smtp_host = "127.0.0.1".into();
        s.mail.smtp_port = port;
        s.mail.smtp_tls = server::mail::SmtpTls::None;
        s.mail.timeout_seconds = 3;
        s.mail.retry_base_seconds = 1;
        s.mail.poll_seconds = 1;
    }
}

/// Registers on the `lang` pages; answers the redirect.
pub async fn register(
    browser: &mut super::Browser<'_>,
    lang: &str,
    company: &str,
    email: &str,
) -> String {
    let response = browser
        .post(
            &format!("/{lang}/register"),
            &[
                ("company", company),
                ("email", email),
                ("password", super::PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    super::location(&response)
}

/// Logs in and follows the cookie check.
pub async fn log_in(browser: &mut super::Browser<'_>, email: &str, password: &str) {
    let response = browser.login(email, password).await;
    assert_eq!(response.status().as_u16(), 303, "logged in as {email}");
    let check = browser.get(&super::location(&response)).await;
    assert_eq!(check.status().as_u16(), 303);
}
