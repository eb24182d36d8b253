//! Operating-system errors said in Italian: one place for the window, the command line and every
//! message that names a file, so that no "No such file or directory (os error 2)" reaches a user.

use std::io::{self, ErrorKind};
use std::path::Path;

use super::messages::os;

/// What went wrong, in a short Italian sentence without the file: os::DISK_FULL.
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
        ErrorKind::NotFound => os::NOT_FOUND.into(),
        ErrorKind::PermissionDenied => os::PERMISSION_DENIED.into(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => os::DISK_FULL.into(),
        ErrorKind::ReadOnlyFilesystem => os::READ_ONLY.into(),
        ErrorKind::AlreadyExists => os::ALREADY_EXISTS.into(),
        ErrorKind::IsADirectory => os::IS_A_FOLDER.into(),
        ErrorKind::NotADirectory => os::NOT_A_FOLDER.into(),
        ErrorKind::DirectoryNotEmpty => os::FOLDER_NOT_EMPTY.into(),
        ErrorKind::InvalidFilename => os::INVALID_NAME.into(),
        ErrorKind::FileTooLarge => os::FILE_TOO_LARGE.into(),
        ErrorKind::Interrupted => os::INTERRUPTED.into(),
        ErrorKind::TimedOut => os::TIMED_OUT.into(),
        ErrorKind::CrossesDevices => os::CROSSES_DEVICES.into(),
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => os::BUSY.into(),
        ErrorKind::StaleNetworkFileHandle
        | ErrorKind::NetworkUnreachable
        | ErrorKind::NetworkDown
        | ErrorKind::HostUnreachable
        | ErrorKind::ConnectionReset
        | ErrorKind::ConnectionAborted
        | ErrorKind::NotConnected
        | ErrorKind::BrokenPipe => os::NETWORK_GONE.into(),
        ErrorKind::InvalidData => os::INVALID_DATA.into(),
        ErrorKind::InvalidInput => os::NOT_A_FILE.into(),
        ErrorKind::UnexpectedEof => os::TRUNCATED.into(),
        ErrorKind::OutOfMemory => os::OUT_OF_MEMORY.into(),
        ErrorKind::Unsupported => os::UNSUPPORTED.into(),
        ErrorKind::WriteZero => os::WRITE_ZERO.into(),
        // Our own errors (io::Error::other with an Italian text) say it themselves.
        _ => match (e.raw_os_error(), e.get_ref()) {
            (None, Some(inner)) => inner.to_string(),
            (Some(code), _) => os::system_code(code),
            (None, None) => os::SYSTEM.into(),
        },
    }
}

/// The few errors whose kind says too little.
fn by_code(code: i32) -> Option<&'static str> {
    #[cfg(unix)]
    {
        match code {
            libc::ENOSPC | libc::EDQUOT => Some(os::DISK_FULL),
            libc::EIO => Some(os::DISK_IO),
            libc::ENOLCK => Some(os::NO_LOCKS),
            libc::EMFILE | libc::ENFILE => Some(os::TOO_MANY_FILES),
            libc::ENAMETOOLONG => Some(os::NAME_TOO_LONG),
            libc::ELOOP => Some(os::LINK_LOOP),
            libc::ENXIO | libc::ENODEV => Some(os::NO_DEVICE),
            libc::EROFS => Some(os::READ_ONLY),
            libc::EACCES | libc::EPERM => Some(os::PERMISSION_DENIED),
            libc::ENOENT => Some(os::NOT_FOUND),
            _ => None,
        }
    }
    #[cfg(windows)]
    {
        // The same sentences as on Linux, from Windows' system error codes (winerror.h).
        match code {
            // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
            39 | 112 => Some(os::DISK_FULL),
            // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
            32 | 33 => Some(os::BUSY),
            // ERROR_CRC, ERROR_SECTOR_NOT_FOUND, ERROR_READ_FAULT, ERROR_WRITE_FAULT,
            // ERROR_IO_DEVICE
            23 | 27 | 30 | 29 | 1117 => Some(os::DISK_IO),
            // ERROR_LOCK_FAILED
            167 => Some(os::NO_LOCKS),
            // ERROR_TOO_MANY_OPEN_FILES
            4 => Some(os::TOO_MANY_FILES),
            // ERROR_FILENAME_EXCED_RANGE
            206 => Some(os::NAME_TOO_LONG),
            // ERROR_CANT_RESOLVE_FILENAME
            1921 => Some(os::LINK_LOOP),
            // ERROR_NOT_READY, ERROR_DEV_NOT_EXIST, ERROR_DEVICE_NOT_CONNECTED
            21 | 55 | 1167 => Some(os::NO_DEVICE),
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
