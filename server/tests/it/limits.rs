//! Limits that hold: the client's address behind a trusted proxy, login reservations under
//! concurrency, a stranger who cannot lock the owner out, bounded work under a burst, and
//! ended sessions that a request in flight cannot bring back.

use std::str::FromStr;

use crate::common::{
    Browser, EMAIL, PASSWORD, TestApp, count, granular, location, registered, rss_kib,
    session_cookie,
};
use tower_sessions::{SessionStore, session::Id};

const WRONG: &str = "wrong password, long enough";

fn behind_proxy(s: &mut server::Settings) {
    granular(s);
    s.trusted_proxies = vec!["127.0.0.1".into()];
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_behind_a_trusted_proxy_get_limits_of_their_own() {
    let app = TestApp::spawn_configured(|s| {
        behind_proxy(s);
        s.accounts.login_failures_per_ip = 2;
    })
    .await;
    let mut first = Browser::behind_proxy(&app, "198.51.100.7");
    for n in 0..2 {
        let r = first.login(&format!("u{n}@acme.example"), WRONG).await;
        assert_eq!(r.status().as_u16(), 401);
    }
    let r = first.login("u9@acme.example", WRONG).await;
    assert_eq!(r.status().as_u16(), 429, "the first client is limited");
    // Another client through the same proxy is not.
    let mut second = Browser::behind_proxy(&app, "203.0.113.9");
    let r = second.login("u9@acme.example", WRONG).await;
    assert_eq!(
        r.status().as_u16(),
        401,
        "the second client has its own limit"
    );
    // A forged left-most entry does not help the first client: the proxy appends the peer.
    first.forwarded_for = Some("192.0.2.1, 198.51.100.7".into());
    let r = first.login("u8@acme.example", WRONG).await;
    assert_eq!(r.status().as_u16(), 429);

    // The consent log keeps the client's masked address, not the proxy's.
    assert_eq!(
        consent_logged_from(&app, "198.51.100.7").await,
        "198.51.100.0"
    );
}

/// Gives consent through a proxy that says the request comes from `claimed`; returns the
/// address the consent log kept.
async fn consent_logged_from(app: &TestApp, claimed: &str) -> String {
    Browser::behind_proxy(app, claimed)
        .post("/consent", &[("choice", "reject_all")])
        .await;
    let rows = app.db().await.consent_log().await.expect("log");
    rows.last().expect("row").masked_ip.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrusted_peer_cannot_choose_its_address() {
    let app = TestApp::spawn_configured(|s| {
        granular(s);
        s.accounts.login_failures_per_ip = 2;
    })
    .await;
    for (n, claimed) in ["198.51.100.1", "198.51.100.2", "203.0.113.3"]
        .iter()
        .enumerate()
    {
        let mut browser = Browser::behind_proxy(&app, claimed);
        let r = browser.login(&format!("u{n}@acme.example"), WRONG).await;
        let expected = if n < 2 { 401 } else { 429 };
        assert_eq!(r.status().as_u16(), expected, "claimed {claimed}");
    }
    assert_eq!(consent_logged_from(&app, "198.51.100.1").await, "127.0.0.0");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_guesses_cannot_pass_the_limit() {
    let app = TestApp::spawn_configured(|s| {
        granular(s);
        s.accounts.hash_queue = 64;
    })
    .await;
    registered(&app, EMAIL).await;
    let guesses = (0..50).map(|n| {
        let app = &app;
        async move {
            let mut browser = Browser::new(app);
            let r = browser.login(EMAIL, &format!("{WRONG} {n}")).await;
            r.status().as_u16()
        }
    });
    let statuses = futures_util::future::join_all(guesses).await;
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let limited = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(
        checked, 5,
        "exactly the limit reached the password check: {statuses:?}"
    );
    assert_eq!(limited, 45, "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stranger_cannot_lock_the_owner_out() {
    let app = TestApp::spawn_configured(behind_proxy).await;
    registered(&app, EMAIL).await;
    let mut stranger = Browser::behind_proxy(&app, "198.51.100.7");
    for _ in 0..5 {
        assert_eq!(stranger.login(EMAIL, WRONG).await.status().as_u16(), 401);
    }
    assert_eq!(stranger.login(EMAIL, PASSWORD).await.status().as_u16(), 429);
    let mut owner = Browser::behind_proxy(&app, "203.0.113.9");
    let r = owner.login(EMAIL, PASSWORD).await;
    assert_eq!(
        r.status().as_u16(),
        303,
        "the owner's address is not the stranger's"
    );

    // Guesses spread over many addresses meet the account's overall ceiling.
    let app = TestApp::spawn_configured(|s| {
        behind_proxy(s);
        s.accounts.login_failures_per_account_total = 3;
    })
    .await;
    registered(&app, EMAIL).await;
    for n in 0..3 {
        let mut b = Browser::behind_proxy(&app, &format!("198.51.{n}.1"));
        assert_eq!(b.login(EMAIL, WRONG).await.status().as_u16(), 401);
    }
    let mut b = Browser::behind_proxy(&app, "198.51.9.1");
    assert_eq!(b.login(EMAIL, WRONG).await.status().as_u16(), 429);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strangers_on_many_networks_cannot_lock_the_owner_out_of_a_known_network() {
    let app = TestApp::spawn_configured(|s| {
        behind_proxy(s);
        s.accounts.login_failures_per_account_total = 20;
    })
    .await;
    registered(&app, EMAIL).await;
    // The owner has logged in from the office before.
    let mut office = Browser::behind_proxy(&app, "203.0.113.9");
    assert_eq!(office.login(EMAIL, PASSWORD).await.status().as_u16(), 303);
    // 20 failures from 20 networks reach the account-wide ceiling.
    for n in 0..20 {
        let mut b = Browser::behind_proxy(&app, &format!("198.51.{n}.1"));
        assert_eq!(b.login(EMAIL, WRONG).await.status().as_u16(), 401);
    }
    let mut elsewhere = Browser::behind_proxy(&app, "192.0.2.1");
    assert_eq!(
        elsewhere.login(EMAIL, PASSWORD).await.status().as_u16(),
        429,
        "the ceiling holds for networks the account never logged in from"
    );
    // Another machine in the office's network still gets in, and the session works.
    let mut colleague = Browser::behind_proxy(&app, "203.0.113.77");
    assert_eq!(
        colleague.login(EMAIL, PASSWORD).await.status().as_u16(),
        303
    );
    assert!(colleague.logged_in().await);
    // A wrong password from the known network still counts against that network.
    let mut guesser = Browser::behind_proxy(&app, "203.0.113.200");
    for _ in 0..5 {
        assert_eq!(guesser.login(EMAIL, WRONG).await.status().as_u16(), 401);
    }
    assert_eq!(guesser.login(EMAIL, PASSWORD).await.status().as_u16(), 429);
    // A network known to one account opens no door to another.
    let other = "other@acme.example";
    registered(&app, other).await;
    for n in 0..20 {
        let mut b = Browser::behind_proxy(&app, &format!("198.51.{n}.2"));
        assert_eq!(b.login(other, WRONG).await.status().as_u16(), 401);
    }
    let mut office_for_other = Browser::behind_proxy(&app, "203.0.113.78");
    assert_eq!(
        office_for_other
            .login(other, PASSWORD)
            .await
            .status()
            .as_u16(),
        429,
        "the office is known to the first account only"
    );
    // What is kept is the masked network, never the address, and the owner can see it.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM account_networks WHERE network = '203.0.113.0'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM account_networks WHERE network LIKE '%.9' OR network LIKE '%.77'"
        )
        .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_logins_and_uploads_is_answered_within_bounded_memory() {
    if crate::common::ran_alone(
        module_path!(),
        "a_burst_of_logins_and_uploads_is_answered_within_bounded_memory",
    ) {
        return;
    }
    let app = TestApp::spawn_configured(|s| {
        granular(s);
        s.accounts.login_failures_per_ip = 1000;
        s.accounts.login_failures_per_account = 1000;
    })
    .await;
    let mut uploaders = Vec::new();
    for n in 0..8 {
        uploaders.push(registered(&app, &format!("logo{n}@acme.example")).await);
    }
    let before = rss_kib();
    // 2 MB of noise that claims to be a PNG: read in full, refused by the decoder.
    let uploads = uploaders.iter_mut().map(|b| async move {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.resize(2 * 1024 * 1024 - 4096, 0x5a);
        b.upload(bytes, "big.png", "image/png")
            .await
            .status()
            .as_u16()
    });
    let logins = (0..100).map(|n| {
        let app = &app;
        async move {
            let mut b = Browser::new(app);
            b.login(&format!("x{n}@acme.example"), WRONG)
                .await
                .status()
                .as_u16()
        }
    });
    let (mut answers, logins) = tokio::join!(
        futures_util::future::join_all(uploads),
        futures_util::future::join_all(logins)
    );
    answers.extend(logins);
    let grown_mib = rss_kib().saturating_sub(before) / 1024;
    assert!(
        answers.iter().all(|s| [401, 413, 422, 503].contains(s)),
        "every request gets a proper answer: {answers:?}"
    );
    assert!(answers.contains(&503), "a full queue says so at once");
    // At most 2 hashes × 19 MiB + 2 images × the decoder's 64 MiB cap + bodies in flight
    // (8 × 2 MB); measured with the server's allocator (mimalloc), about 40 MiB.
    assert!(grown_mib < 200, "memory grew by {grown_mib} MiB");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ended_session_stays_ended_when_a_request_of_it_saves_late() {
    let app = TestApp::spawn_configured(granular).await;
    let mut owner = registered(&app, EMAIL).await;
    let mut other = Browser::new(&app);
    let response = other.login(EMAIL, PASSWORD).await;
    let cookie = session_cookie(&response).expect("a session cookie");
    let other_id = cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, id)| id.to_owned())
        .expect("name=value");
    other.get(&location(&response)).await;
    assert!(other.logged_in().await);

    // What a request of the other session read before the password change ended it.
    let db = app.db().await;
    let store = server::accounts::sessions::AccountSessionStore::new(
        db,
        std::sync::Arc::new(server::clock::SystemClock),
        server::accounts::sessions::Timeouts {
            idle: 1800,
            absolute: 8 * 3600,
        },
    );
    let id = Id::from_str(&other_id).expect("session id");
    let in_flight = store.load(&id).await.expect("load").expect("live");

    // Many requests of that session race the change, too.
    let racing = (0..20).map(|_| {
        let mut b = Browser::new(&app);
        b.jar = other.jar.clone();
        async move { b.get("/en/account").await.status().as_u16() }
    });
    let change = owner.post(
        "/en/account/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "a brand new passphrase"),
        ],
    );
    let (_, changed) = tokio::join!(futures_util::future::join_all(racing), change);
    assert_eq!(location(&changed), "/en/account?done=password");

    // The late save of the request in flight.
    store.save(&in_flight).await.expect("save");
    assert!(
        store.load(&id).await.expect("load").is_none(),
        "still ended"
    );
    assert!(!other.logged_in().await);
    assert!(owner.logged_in().await);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM account_sessions").await,
        1,
        "only the owner's session"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_uploads_do_not_pile_their_bodies_up_in_memory() {
    if crate::common::ran_alone(
        module_path!(),
        "slow_uploads_do_not_pile_their_bodies_up_in_memory",
    ) {
        return;
    }
    use tokio::io::AsyncWriteExt;
    let app = TestApp::spawn_configured(|s| {
        granular(s);
        s.connections.max_connections = 512;
    })
    .await;
    let owner = registered(&app, EMAIL).await;
    let cookie = owner.cookie_header();
    // One shared body: the client side holds no copy per connection.
    static FILE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let file = FILE.get_or_init(|| {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.resize(1536 * 1024, 0x5a);
        bytes
    });
    let boundary = "xxslowxx";
    let part = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"a.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    );
    // Declared a little longer than what is sent: each upload stalls before its end.
    let length = part.len() + file.len() + 1024;
    let head = format!(
        "POST /en/account/logo HTTP/1.1\r\nHost: x\r\nOrigin: {}\r\nCookie: {cookie}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\n\r\n{part}",
        crate::common::ORIGIN
    );
    let address = app.base.trim_start_matches("http://").to_owned();
    let before = rss_kib();
    let mut held = Vec::new();
    for _ in 0..100 {
        let head = head.clone();
        let address = address.clone();
        held.push(tokio::spawn(async move {
            let mut stream = tokio::net::TcpStream::connect(address)
                .await
                .expect("connect");
            let sent = async {
                stream.write_all(head.as_bytes()).await?;
                stream.write_all(file).await
            };
            let _ = tokio::time::timeout(std::time::Duration::from_secs(4), sent).await;
            tokio::time::sleep(std::time::Duration::from_secs(6)).await;
            drop(stream);
        }));
    }
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    let grown_mib = rss_kib().saturating_sub(before) / 1024;
    for h in held {
        h.abort();
    }
    // 100 bodies of 1.5 MiB read at once would be 150 MiB and more; 8 upload permits hold
    // at most 8 × 2 MiB.
    assert!(grown_mib < 48, "memory grew by {grown_mib} MiB");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stolen_session_cannot_guess_the_password_through_the_account_forms() {
    let app = TestApp::spawn_configured(granular).await;
    let mut thief = registered(&app, EMAIL).await;
    // Wrong passwords spread over the three forms that ask for it count together.
    let forms: [(&str, [(&str, &str); 2]); 3] = [
        (
            "/en/account/password",
            [
                ("current_password", WRONG),
                ("new_password", "a brand new passphrase"),
            ],
        ),
        (
            "/en/account/email",
            [("new_email", "new@acme.example"), ("email_password", WRONG)],
        ),
        (
            "/en/account/delete",
            [("password", WRONG), ("password", WRONG)],
        ),
    ];
    for n in 0..5 {
        let (path, form) = &forms[n % 3];
        let form: Vec<(&str, &str)> = if path.ends_with("delete") {
            vec![form[0]]
        } else {
            form.to_vec()
        };
        let response = thief.post(path, &form).await;
        assert_eq!(response.status().as_u16(), 422, "{path}");
    }
    let limited = thief
        .post(
            "/en/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(
        limited.status().as_u16(),
        429,
        "even the right password waits"
    );
    assert!(limited.headers().contains_key("retry-after"));
    let mut owner = Browser::new(&app);
    assert_eq!(
        owner.login(EMAIL, PASSWORD).await.status().as_u16(),
        303,
        "the old password still works: nothing changed"
    );
}
