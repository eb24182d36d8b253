//! Operating-system errors said in Italian: one place for the window, the command line and every
//! message that names a file, so that no "No such file or directory (os error 2)" reaches a user.

use std::io::{self, ErrorKind};
use std::path::Path;

/// What went wrong, in a short Italian sentence without the file: "il disco è pieno".
pub fn describe(e: &io::Error) -> String {
    if let Some(busy) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<crate::platform::FileBusy>())
    {
        return busy.reason();
    }
    if let Some(code) = e.raw_os_error()
        && let Some(text) = by_code(code)
    {
        return text.to_string();
    }
    match e.kind() {
        ErrorKind::NotFound => "il file non esiste o non esiste più".into(),
        ErrorKind::PermissionDenied => {
            "permesso negato: il sistema non consente di leggere o scrivere qui".into()
        }
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "il disco è pieno".into(),
        ErrorKind::ReadOnlyFilesystem => "il disco è in sola lettura".into(),
        ErrorKind::AlreadyExists => "il file esiste già".into(),
        ErrorKind::IsADirectory => "è una cartella, non un file".into(),
        ErrorKind::NotADirectory => "una parte del percorso non è una cartella".into(),
        ErrorKind::DirectoryNotEmpty => "la cartella non è vuota".into(),
        ErrorKind::InvalidFilename => "il nome del file non è valido o è troppo lungo".into(),
        ErrorKind::FileTooLarge => "il file è troppo grande".into(),
        ErrorKind::Interrupted => "l'operazione è stata interrotta".into(),
        ErrorKind::TimedOut => "il disco o la cartella di rete non risponde".into(),
        ErrorKind::CrossesDevices => "non si può spostare un file da un disco a un altro".into(),
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => {
            "il file è in uso da un altro programma".into()
        }
        ErrorKind::StaleNetworkFileHandle
        | ErrorKind::NetworkUnreachable
        | ErrorKind::NetworkDown
        | ErrorKind::HostUnreachable
        | ErrorKind::ConnectionReset
        | ErrorKind::ConnectionAborted
        | ErrorKind::NotConnected
        | ErrorKind::BrokenPipe => "la cartella di rete non è più raggiungibile".into(),
        ErrorKind::InvalidData => {
            "il contenuto del file non è leggibile (non è testo UTF-8, o è danneggiato)".into()
        }
        ErrorKind::InvalidInput => "il percorso non indica un file ordinario".into(),
        ErrorKind::UnexpectedEof => "il file finisce prima del previsto (è troncato)".into(),
        ErrorKind::OutOfMemory => "la memoria del computer non basta".into(),
        ErrorKind::Unsupported => "il disco non consente questa operazione".into(),
        ErrorKind::WriteZero => "il disco non accetta altri dati (forse è pieno)".into(),
        // Our own errors (io::Error::other with an Italian text) say it themselves.
        _ => match (e.raw_os_error(), e.get_ref()) {
            (None, Some(inner)) => inner.to_string(),
            (Some(code), _) => format!("errore del sistema operativo (codice {code})"),
            (None, None) => "errore del sistema operativo".into(),
        },
    }
}

/// The few errors whose kind says too little.
fn by_code(code: i32) -> Option<&'static str> {
    #[cfg(unix)]
    {
        match code {
            libc::ENOSPC | libc::EDQUOT => Some("il disco è pieno"),
            libc::EIO => Some(
                "errore di lettura o scrittura sul disco (il disco potrebbe essere danneggiato o scollegato)",
            ),
            libc::ENOLCK => Some("il disco non consente di bloccare i file"),
            libc::EMFILE | libc::ENFILE => Some("troppi file aperti nello stesso momento"),
            libc::ENAMETOOLONG => Some("il nome del file è troppo lungo"),
            libc::ELOOP => Some("il percorso contiene un ciclo di collegamenti simbolici"),
            libc::ENXIO | libc::ENODEV => {
                Some("il dispositivo non è disponibile (un disco scollegato?)")
            }
            libc::EROFS => Some("il disco è in sola lettura"),
            libc::EACCES | libc::EPERM => {
                Some("permesso negato: il sistema non consente di leggere o scrivere qui")
            }
            libc::ENOENT => Some("il file non esiste o non esiste più"),
            _ => None,
        }
    }
    #[cfg(windows)]
    {
        // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL; ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
        match code {
            39 | 112 => Some("il disco è pieno"),
            32 | 33 => Some("il file è in uso da un altro programma"),
            _ => None,
        }
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = code;
        None
    }
}

/// "FILE: sentence", for messages that name a file.
pub fn at(path: &Path, e: &io::Error) -> String {
    format!("{}: {}", path.display(), describe(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_errors_are_said_in_italian() {
        let missing = std::fs::read("/non/esiste/proprio").expect_err("missing");
        assert_eq!(describe(&missing), "il file non esiste o non esiste più");
        #[cfg(unix)]
        {
            let full = io::Error::from_raw_os_error(libc::ENOSPC);
            assert_eq!(describe(&full), "il disco è pieno");
            let denied = io::Error::from_raw_os_error(libc::EACCES);
            assert!(describe(&denied).starts_with("permesso negato"));
            let odd = io::Error::from_raw_os_error(libc::EXDEV);
            assert!(!describe(&odd).contains("os error"), "{}", describe(&odd));
        }
        let ours = io::Error::other("il blocco è di un'altra istanza");
        assert_eq!(describe(&ours), "il blocco è di un'altra istanza");
        // A file kept open on Windows (`platform::replace_file`): the sentence that says so.
        let busy = crate::platform::busy_error(
            Path::new("schede/m1.ron"),
            &io::Error::from(ErrorKind::PermissionDenied),
            10,
        );
        assert_eq!(
            at(Path::new("schede/m1.ron"), &busy),
            "schede/m1.ron: è aperto in un altro programma o protetto da scrittura (tentativi: \
             10; di solito un antivirus che lo sta controllando, un visualizzatore o un foglio di \
             calcolo): chiudere quel programma e riprovare"
        );
        assert_eq!(
            at(Path::new("schede/m1.ron"), &missing),
            "schede/m1.ron: il file non esiste o non esiste più"
        );
    }
}
