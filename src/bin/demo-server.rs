//! The demo desk served over HTTP on 127.0.0.1, for the fault-injection journeys: there the
//! portal reaches the desk through the network (Trunk proxies `/demo-api/` to this server), so
//! a test can cut, slow, fail or drop its answers the way a real network does. The desk is
//! the same pure service the browser's demo worker runs, seeded from `public/demo/`, and kept
//! in memory for the life of the process.
//!
//! `cargo run --bin demo-server -- [port] [seed folder]` (default 4791 and `public/demo/`);
//! `./portico demo-server` does the same. The store benchmark seeds it with thousands of items.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(problem) = server::run() {
        eprintln!("demo-server: {problem}");
        std::process::exit(1);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod server {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::path::Path;
    use std::time::{SystemTime, UNIX_EPOCH};

    use portico::connector::{HttpRequest, HttpResponse, Method};
    use portico::demo::DemoService;

    /// The largest request body accepted (attachments are base64 in JSON).
    const MAX_BODY: usize = 16 * 1024 * 1024;

    fn now() -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    }

    fn seeded(root: &Path) -> Result<DemoService, String> {
        let read =
            |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
        let seed = read(&root.join("seed.json"))?;
        let slugs: Vec<String> = portico::demo::article_slugs(&seed);
        let mut articles = Vec::new();
        for slug in slugs {
            articles.push((
                slug.clone(),
                read(&root.join(format!("articles/{slug}.md")))?,
            ));
        }
        DemoService::from_seed(&seed, &articles, now()).map_err(|e| e.to_string())
    }

    pub fn run() -> Result<(), String> {
        let port: u16 = match std::env::args().nth(1) {
            Some(p) => p.parse().map_err(|_| format!("not a port: {p}"))?,
            None => 4791,
        };
        let root = match std::env::args().nth(2) {
            Some(folder) => std::path::PathBuf::from(folder),
            None => Path::new(env!("CARGO_MANIFEST_DIR")).join("public/demo"),
        };
        let mut service = seeded(&root)?;
        let listener =
            TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("port {port}: {e}"))?;
        println!("The demo desk answers at http://127.0.0.1:{port}/demo-api/v1");
        // One request at a time, in order, as the browser's demo worker answers them.
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            if let Err(problem) = serve(stream, &mut service) {
                eprintln!("demo-server: {problem}");
            }
        }
        Ok(())
    }

    fn serve(mut stream: TcpStream, service: &mut DemoService) -> Result<(), String> {
        let request = match read_request(&stream) {
            Ok(Some(r)) => r,
            Ok(None) => return Ok(()),
            Err(problem) => {
                let response = HttpResponse::json(400, &serde_json::json!({ "error": problem }));
                return write_response(&mut stream, &response);
            }
        };
        let response = if request.url == "/demo-api/_health" {
            HttpResponse::new(200, "ok")
        } else {
            service.handle(&request, now())
        };
        write_response(&mut stream, &response)
    }

    fn read_request(stream: &TcpStream) -> Result<Option<HttpRequest>, String> {
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
            return Ok(None);
        }
        let mut parts = line.split_whitespace();
        let method = match parts.next() {
            Some("GET") => Method::Get,
            Some("POST") => Method::Post,
            Some("PUT") => Method::Put,
            Some("PATCH") => Method::Patch,
            Some("DELETE") => Method::Delete,
            other => return Err(format!("unsupported method {other:?}")),
        };
        let url = parts.next().ok_or("no path")?.to_owned();
        let mut headers = Vec::new();
        let mut length = 0usize;
        loop {
            let mut header = String::new();
            reader.read_line(&mut header).map_err(|e| e.to_string())?;
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                let (name, value) = (name.trim().to_owned(), value.trim().to_owned());
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.parse().map_err(|_| "bad Content-Length")?;
                }
                headers.push((name, value));
            }
        }
        if length > MAX_BODY {
            return Err("request body too large".into());
        }
        let body = if length > 0 {
            let mut body = vec![0; length];
            reader.read_exact(&mut body).map_err(|e| e.to_string())?;
            Some(body)
        } else {
            None
        };
        Ok(Some(HttpRequest {
            method,
            url,
            headers,
            body,
        }))
    }

    fn write_response(stream: &mut TcpStream, response: &HttpResponse) -> Result<(), String> {
        let mut head = format!("HTTP/1.1 {} X\r\n", response.status);
        for (name, value) in &response.headers {
            if !name.eq_ignore_ascii_case("content-length") {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        // The desk's API speaks JSON only, as a real backend's would say.
        if !response
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        {
            head.push_str("Content-Type: application/json\r\n");
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            response.body.len()
        ));
        stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(&response.body))
            .map_err(|e| e.to_string())
    }
}
