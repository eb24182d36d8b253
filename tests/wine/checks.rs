//! The Windows behaviour that only Windows (or Wine) can show, checked in the Windows program's
//! own process: `bash .ci/windows-test` builds this for x86_64-pc-windows-gnu and runs it under
//! Wine. (The unit tests cannot: their harness and dev-dependencies would double the Windows
//! build.) Each check prints `ok` or `FALLITO` with what it found; the exit code is 1 if any
//! failed.
//!
//! Usage: `wine-checks [--documents EXPECTED_DIR]`. With `--documents`, the Documents known folder
//! must be that folder (the script moves it in the Wine registry, away from
//! `%USERPROFILE%\Documents`, so that only the known-folder API finds it).

#[cfg(windows)]
fn main() -> std::process::ExitCode {
    checks::main()
}

#[cfg(not(windows))]
fn main() {
    println!("wine-checks: only for the Windows program (bash .ci/windows-test)");
}

#[cfg(windows)]
mod checks {
    use std::fs;
    use std::io::{BufRead, BufReader, Write};
    use std::os::windows::fs::OpenOptionsExt;
    use std::path::{Component, Path, PathBuf, Prefix};
    use std::process::{Command, ExitCode, Stdio};

    use commissione::domain::{CriterionId, MemberId, Moment, Points, Protocol};
    use commissione::editor::{self, Actor, Editor};
    use commissione::platform::{self, paths, windows as win};
    use commissione::workspace::lock::{self, Acquire, Lock};
    use commissione::workspace::write_atomic;

    /// Only reading is shared: no FILE_SHARE_WRITE, no FILE_SHARE_DELETE, as an antivirus or a
    /// viewer opens a file.
    const FILE_SHARE_READ: u32 = 1;
    /// What a well-behaved viewer shares: everything.
    const FILE_SHARE_ALL: u32 = 1 | 2 | 4;

    type Outcome = Result<(), String>;
    /// A check's name and what it does in its own folder.
    type Check = (&'static str, Box<dyn Fn(&Path) -> Outcome>);

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match args.first().map(String::as_str) {
            Some("--exit") => return ExitCode::SUCCESS,
            Some("--hold-lock") => return hold_lock(Path::new(&args[1])),
            _ => {}
        }
        let documents = match args.as_slice() {
            [flag, dir] if flag == "--documents" => Some(PathBuf::from(dir)),
            _ => None,
        };
        let scratch = std::env::temp_dir().join(format!("wine-checks-{}", std::process::id()));
        let _ = fs::remove_dir_all(&scratch);
        let checks: Vec<Check> = vec![
            (
                "la cartella Documenti dalla known folder",
                Box::new(move |_: &Path| documents_folder(documents.as_deref())),
            ),
            (
                "un processo vivo e uno finito",
                Box::new(|_: &Path| processes()),
            ),
            ("il lucchetto di un processo caduto", Box::new(stale_lock)),
            (
                "sostituire un file tenuto aperto, poi liberato",
                Box::new(busy_then_free),
            ),
            ("sostituire un file sempre aperto", Box::new(busy_for_good)),
            (
                "sostituire un file aperto da chi ne permette la cancellazione",
                Box::new(shared_delete),
            ),
            (
                "salvare su un file tenuto aperto",
                Box::new(atomic_write_held),
            ),
            (
                "un voto mentre la scheda è tenuta aperta",
                Box::new(transaction_held),
            ),
            (
                "percorsi con lettere di unità, spazi e accenti",
                Box::new(typed_paths),
            ),
        ];
        let mut failed = 0;
        for (i, (name, check)) in checks.iter().enumerate() {
            let dir = scratch.join(format!("Bando è {i}"));
            let outcome = fs::create_dir_all(&dir)
                .map_err(|e| format!("{}: {e}", dir.display()))
                .and_then(|()| check(&dir));
            match outcome {
                Ok(()) => println!("ok        {name}"),
                Err(why) => {
                    failed += 1;
                    println!("FALLITO   {name}: {why}");
                }
            }
        }
        let _ = fs::remove_dir_all(&scratch);
        if failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }

    fn expect(condition: bool, what: impl FnOnce() -> String) -> Outcome {
        if condition { Ok(()) } else { Err(what()) }
    }

    fn documents_folder(expected: Option<&Path>) -> Outcome {
        let found = platform::documents_dir().ok_or("nessuna cartella Documenti")?;
        let profile = std::env::var_os("USERPROFILE").map(PathBuf::from);
        match expected {
            Some(expected) => expect(found == expected, || {
                format!(
                    "{} invece di {} (USERPROFILE: {profile:?})",
                    found.display(),
                    expected.display()
                )
            }),
            None => expect(found.is_absolute(), || format!("{}", found.display())),
        }
    }

    fn now() -> Moment {
        commissione::editor::now()
    }

    fn finished_process() -> Result<u32, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .arg("--exit")
            .spawn()
            .map_err(|e| e.to_string())?;
        let pid = child.id();
        child.wait().map_err(|e| e.to_string())?;
        // While the handle is held the process object stays, with its exit code.
        expect(!platform::process_alive(pid), || {
            format!("il processo {pid} è finito ma risulta vivo")
        })?;
        drop(child);
        Ok(pid)
    }

    fn processes() -> Outcome {
        let me = std::process::id();
        expect(platform::process_alive(me), || {
            format!("questo processo ({me}) non risulta vivo")
        })?;
        let pid = finished_process()?;
        expect(!platform::process_alive(pid), || {
            format!("il processo {pid}, finito e chiuso, risulta vivo")
        })?;
        expect(!platform::process_alive(0), || "il processo 0".into())
    }

    /// The child takes the lock and waits: a second program on the same folder finds it busy;
    /// once the child is killed (as a crash would end it) the lock looks stale and is taken over.
    fn stale_lock(dir: &Path) -> Outcome {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .arg("--hold-lock")
            .arg(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let mut ready = String::new();
        let stdout = child.stdout.take().ok_or("nessuna uscita")?;
        BufReader::new(stdout)
            .read_line(&mut ready)
            .map_err(|e| e.to_string())?;
        expect(ready.trim() == "pronto", || {
            format!("il figlio dice {ready:?}")
        })?;
        let holder = match Lock::acquire(dir, "m1", now()).map_err(|e| e.to_string())? {
            Acquire::Busy(holder) => holder,
            Acquire::Held(_) => return Err("preso mentre il figlio lo tiene".into()),
        };
        expect(holder.pid == child.id(), || {
            format!("pid {} invece di {}", holder.pid, child.id())
        })?;
        expect(!holder.looks_stale(now()), || {
            "il lucchetto di un processo vivo sembra abbandonato".into()
        })?;
        // LockFileEx: held by a running program, it cannot be taken over.
        if let Ok(lock) = Lock::take_over(dir, "m1", now()) {
            return Err(format!("preso a un programma aperto: {:?}", lock.holder()));
        }
        child.kill().map_err(|e| e.to_string())?;
        child.wait().map_err(|e| e.to_string())?;
        drop(child);
        let left = lock::read_holder(&dir.join(lock::FILE)).ok_or("il lucchetto è sparito")?;
        expect(left.looks_stale(now()), || {
            "il lucchetto del processo terminato non sembra abbandonato".into()
        })?;
        let taken = Lock::take_over(dir, "m1", now()).map_err(|e| e.to_string())?;
        expect(taken.still_ours(), || "non preso".into())
    }

    fn hold_lock(dir: &Path) -> ExitCode {
        let Ok(Acquire::Held(lock)) = Lock::acquire(dir, "segreteria", now()) else {
            println!("occupato");
            return ExitCode::FAILURE;
        };
        println!("pronto");
        let _ = std::io::stdout().flush();
        // Until the parent kills this process.
        let _ = std::io::stdin().lines().count();
        drop(lock);
        ExitCode::SUCCESS
    }

    fn held(path: &Path) -> Result<fs::File, String> {
        fs::OpenOptions::new()
            .read(true)
            .share_mode(FILE_SHARE_READ)
            .open(path)
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    fn two_files(dir: &Path) -> Result<(PathBuf, PathBuf), String> {
        let dest = dir.join("avviso.ron");
        let tmp = dir.join(".avviso.ron.tmp");
        fs::write(&dest, "vecchio\n").map_err(|e| e.to_string())?;
        fs::write(&tmp, "nuovo\n").map_err(|e| e.to_string())?;
        Ok((dest, tmp))
    }

    fn content(path: &Path) -> String {
        fs::read_to_string(path).unwrap_or_else(|e| format!("<{e}>"))
    }

    /// The first try finds the file busy; the holder lets go during the first wait; the second
    /// try replaces it.
    fn busy_then_free(dir: &Path) -> Outcome {
        let (dest, tmp) = two_files(dir)?;
        let mut holder = Some(held(&dest)?);
        let mut waits = Vec::new();
        win::replace_file_with(&tmp, &dest, &platform::BUSY_RETRIES, |d| {
            waits.push(d);
            holder.take();
        })
        .map_err(|e| format!("non sostituito: {e}"))?;
        expect(waits.len() == 1, || format!("attese: {waits:?}"))?;
        expect(content(&dest) == "nuovo\n", || content(&dest))?;
        expect(!tmp.exists(), || "il file temporaneo è rimasto".into())
    }

    fn busy_for_good(dir: &Path) -> Outcome {
        let (dest, tmp) = two_files(dir)?;
        let _holder = held(&dest)?;
        let mut waits = 0;
        let err = match win::replace_file_with(&tmp, &dest, &platform::BUSY_RETRIES, |_| waits += 1)
        {
            Ok(()) => return Err("sostituito mentre era aperto".into()),
            Err(e) => e.to_string(),
        };
        expect(waits == platform::BUSY_RETRIES.len(), || {
            format!("attese: {waits}")
        })?;
        expect(
            err.starts_with("«avviso.ron» è aperto in un altro programma"),
            || err.clone(),
        )?;
        expect(content(&dest) == "vecchio\n", || content(&dest))?;
        expect(content(&tmp) == "nuovo\n", || {
            "il file nuovo è andato perso".into()
        })
    }

    /// Whether this is Wine (its ntdll exports `wine_get_version`), not Windows.
    fn on_wine() -> bool {
        use std::ffi::c_void;
        #[link(name = "kernel32")]
        unsafe extern "system" {
            fn GetModuleHandleA(name: *const u8) -> *mut c_void;
            fn GetProcAddress(module: *mut c_void, name: *const u8) -> *mut c_void;
        }
        // SAFETY: NUL-terminated names; ntdll is loaded in every process.
        unsafe {
            let ntdll = GetModuleHandleA(c"ntdll.dll".as_ptr().cast());
            !ntdll.is_null()
                && !GetProcAddress(ntdll, c"wine_get_version".as_ptr().cast()).is_null()
        }
    }

    /// A program that lets others delete the file it reads (most viewers) does not stop the
    /// replacement on Windows 10 and 11: no wait, the rename has POSIX semantics and the reader
    /// keeps reading the old version. Wine has no such rename: there it must be refused cleanly,
    /// as by a reader that does not allow deletion.
    fn shared_delete(dir: &Path) -> Outcome {
        let (dest, tmp) = two_files(dir)?;
        let mut reader = fs::OpenOptions::new()
            .read(true)
            .share_mode(FILE_SHARE_ALL)
            .open(&dest)
            .map_err(|e| e.to_string())?;
        let mut waits = 0;
        let result = win::replace_file_with(&tmp, &dest, &platform::BUSY_RETRIES, |_| waits += 1);
        if on_wine() {
            expect(result.is_err(), || {
                "Wine ha sostituito un file aperto".into()
            })?;
            expect(content(&dest) == "vecchio\n", || content(&dest))?;
            expect(content(&tmp) == "nuovo\n", || {
                "il file nuovo è andato perso".into()
            })?;
        } else {
            result.map_err(|e| format!("non sostituito: {e}"))?;
            expect(waits == 0, || format!("attese: {waits}"))?;
            expect(content(&dest) == "nuovo\n", || content(&dest))?;
        }
        let mut old = String::new();
        std::io::Read::read_to_string(&mut reader, &mut old).map_err(|e| e.to_string())?;
        expect(old == "vecchio\n", || format!("chi leggeva legge {old:?}"))
    }

    /// Through the save every file of a call takes, with the real waits (about four seconds):
    /// refused with the sentence, the old file intact, no temporary file left; then saved once
    /// the file is free.
    fn atomic_write_held(dir: &Path) -> Outcome {
        let dest = dir.join("commissione.ron");
        write_atomic(&dest, b"vecchio\n").map_err(|e| e.to_string())?;
        let holder = held(&dest)?;
        let err = match write_atomic(&dest, b"nuovo\n") {
            Ok(()) => return Err("salvato mentre era aperto".into()),
            Err(e) => e.to_string(),
        };
        expect(
            err.starts_with("«commissione.ron» è aperto in un altro programma"),
            || err.clone(),
        )?;
        expect(content(&dest) == "vecchio\n", || content(&dest))?;
        let names: Vec<String> = fs::read_dir(dir)
            .map_err(|e| e.to_string())?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        expect(names == ["commissione.ron"], || {
            format!("file nella cartella: {names:?}")
        })?;
        drop(holder);
        write_atomic(&dest, b"nuovo\n").map_err(|e| e.to_string())?;
        expect(content(&dest) == "nuovo\n", || content(&dest))?;
        expect(
            content(&dir.join("commissione.ron.bak")) == "vecchio\n",
            || "la versione precedente non è in .bak".into(),
        )
    }

    /// A change to a call, through the editor and its transaction, while a viewer holds the
    /// member's sheet open: refused after the waits with the Italian sentence, nothing changed
    /// (the sheet, the journal, no transaction or temporary file left); then done once free.
    /// A mark is a line appended to the member's log of changes (`schede/M.modifiche`): a
    /// second mark while a viewer holds that log open is refused before anything is written,
    /// and saved once the viewer lets go.
    fn transaction_held(dir: &Path) -> Outcome {
        let call = dir.join("sondrio");
        commissione::samples::write("sondrio-coworking", &call).map_err(|e| e.to_string())?;
        let sheet = call.join("schede").join("gianoli.ron");
        let log = commissione::workspace::sheet_log::log_path(&sheet);
        let journal = call.join("registro.ron");
        let member = MemberId::new("gianoli").map_err(|e| e.to_string())?;
        let mut work =
            Editor::open(&call, Actor::Member(member.clone())).map_err(|e| e.to_string())?;
        let score = |criterion: &str, value: &str, reason: &str| -> Result<_, String> {
            Ok(editor::Command::Score {
                member: member.clone(),
                application: Protocol::new("2026/0005873").map_err(|e| e.to_string())?,
                criterion: CriterionId::new(criterion).map_err(|e| e.to_string())?,
                value: Some(Points::parse(value).map_err(|e| e.to_string())?),
                reason: reason.into(),
            })
        };
        // The first mark makes the log.
        work.apply(score("A", "0.6", "Prima lettura in seduta.")?)
            .map_err(|e| format!("primo voto non salvato: {e}"))?;
        expect(log.exists(), || format!("{} non c'è", log.display()))?;
        let before = (
            fs::read(&sheet).ok(),
            fs::read(&log).ok(),
            fs::read(&journal).ok(),
        );
        let second = score(
            "A",
            "1.0",
            "Rivista in seduta: il laboratorio è già attivo.",
        )?;
        let holder = held(&log)?;
        let err = match work.apply(second.clone()) {
            Ok(_) => return Err("voto salvato mentre il registro della scheda era aperto".into()),
            Err(e) => e.to_string(),
        };
        expect(err.contains("è aperto in un altro programma"), || {
            err.clone()
        })?;
        let after = (
            fs::read(&sheet).ok(),
            fs::read(&log).ok(),
            fs::read(&journal).ok(),
        );
        expect(after == before, || {
            "la scheda, le sue modifiche o il registro sono cambiati".into()
        })?;
        let left: Vec<String> = fs::read_dir(&call)
            .and_then(|d| d.collect::<Result<Vec<_>, _>>())
            .map_err(|e| e.to_string())?
            .iter()
            .chain(
                &fs::read_dir(call.join("schede"))
                    .and_then(|d| d.collect::<Result<Vec<_>, _>>())
                    .map_err(|e| e.to_string())?,
            )
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp") || n.contains(".old") || n == "transazione.ron")
            .collect();
        expect(left.is_empty(), || format!("file rimasti: {left:?}"))?;
        drop(holder);
        work.apply(second)
            .map_err(|e| format!("non salvato dopo: {e}"))?;
        let text = fs::read_to_string(&log).map_err(|e| e.to_string())?;
        expect(
            text.contains("Rivista in seduta") && !text.contains('\r'),
            || "il voto non è nelle modifiche della scheda (o ha CRLF)".into(),
        )
    }

    fn typed_paths(dir: &Path) -> Outcome {
        let text = dir.display().to_string();
        let quoted = paths::typed(&format!("  \"{text}\"  "));
        expect(quoted == dir, || format!("{}", quoted.display()))?;
        let slashes = paths::typed(&text.replace('\\', "/"));
        expect(slashes.as_os_str() == dir.as_os_str(), || {
            format!("{}", slashes.display())
        })?;
        expect(slashes.is_dir(), || {
            format!("{} non è una cartella", slashes.display())
        })?;
        let upper = PathBuf::from(text.to_uppercase());
        expect(paths::same_folder(&upper, dir), || {
            format!(
                "{} e {} non sono la stessa cartella",
                upper.display(),
                dir.display()
            )
        })?;
        let home = std::env::var("USERPROFILE").map_err(|e| e.to_string())?;
        let tilde = paths::typed(r"~\Documenti\Bando è 2026");
        expect(
            tilde == Path::new(&home).join("Documenti").join("Bando è 2026"),
            || format!("{}", tilde.display()),
        )?;
        let share = paths::typed(r#""\\server\share\bando""#);
        expect(share.as_os_str() == r"\\server\share\bando", || {
            format!("{}", share.display())
        })?;
        let unc = match share.components().next() {
            Some(Component::Prefix(prefix)) => {
                matches!(prefix.kind(), Prefix::UNC(server, name) if server == "server" && name == "share")
            }
            _ => false,
        };
        expect(unc, || {
            format!(
                "{} non è letto come una condivisione di rete",
                share.display()
            )
        })
    }
}
