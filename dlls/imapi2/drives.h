/* Optical drives as the COM objects see them: enumeration (real drives + configured
 * emulated recorders) and an opened drive = an mmc_transport plus the few things a
 * drive handle answers besides CDBs (storage descriptors, alignment, exclusive access).
 * Two transports fill it: SCSI pass-through direct (transport_sptd.c) and the in-process
 * emulated recorder (transport_emulated.c). Above this header nothing knows which. */
#ifndef IMAPI2_DRIVES_H
#define IMAPI2_DRIVES_H

#include "imapi2_private.h"
#include "mmc/mmc_device.h"

/* Device interface class of CD-ROM devices, used as the suffix of every unique ID. */
#define DRIVES_CDROM_CLASS L"{53f56308-b6bf-11d0-94f2-00a0c91efb8b}"

struct drive_entry
{
    WCHAR *id;          /* unique ID handed out by IDiscMaster2 */
    WCHAR *open_path;   /* pass-through: the path CreateFileW opens; NULL for emulated */
    char *emu_dir;      /* emulated: the recorder directory (host path for core/vdrive) */
    WCHAR letter;       /* drive letter, or 0 */
    LONG legacy_number; /* zero-based position among the drives */
};

/* A snapshot of the drives: real CD-ROM drives first (SetupDi device interfaces of
 * GUID_DEVINTERFACE_CDROM, else drive letters of type DRIVE_CDROM), then configured
 * emulated recorders (registry, then IMAPI_VDRIVE_DIRS). */
HRESULT drives_enumerate(struct drive_entry **list, unsigned *count);
void drives_free(struct drive_entry *list, unsigned count);
/* Find id (case-insensitive) in a fresh enumeration; *out is a copy to free with drives_free(out, 1). */
HRESULT drives_find(const WCHAR *id, struct drive_entry **out);

/* The cross-process exclusive-access record of one drive (shared memory named after the
 * unique ID), used where IOCTL_CDROM_EXCLUSIVE_ACCESS is not available. */
struct drive_lock;

struct drive
{
    mmc_transport *transport;   /* what mmc_device uses; wrapped so a foreign lock answers BUSY */
    mmc_transport wrapper;
    mmc_transport *inner;       /* the real transport */
    BYTE *adapter_desc; ULONG adapter_desc_len;   /* STORAGE_ADAPTER_DESCRIPTOR */
    BYTE *device_desc; ULONG device_desc_len;     /* STORAGE_DEVICE_DESCRIPTOR (+ strings) */
    ULONG alignment_mask;       /* buffer alignment the adapter needs (mask, 0 = bytes) */
    ULONG max_transfer;         /* bytes per command */
    ULONG max_pages;            /* physical pages per command */
    HANDLE handle;              /* pass-through: the drive handle; else INVALID_HANDLE_VALUE */
    BOOL os_exclusive;          /* exclusive access taken through IOCTL_CDROM_EXCLUSIVE_ACCESS */
    struct drive_lock *lock;
    LONG64 token;               /* this handle's identity in the lock record */
};

/* Opens the drive of an enumeration entry. */
HRESULT drive_open(const struct drive_entry *e, struct drive **out);
void drive_close(struct drive *d);

/* Exclusive access. Acquire: E_IMAPI_RECORDER_LOCKED if another handle holds it.
 * Owner: the client name of whoever holds it (empty string when nobody), CoTaskMemAlloc'ed. */
HRESULT drive_exclusive_acquire(struct drive *d, BOOL force, const WCHAR *name);
HRESULT drive_exclusive_release(struct drive *d);
HRESULT drive_exclusive_owner(struct drive *d, WCHAR **owner);

/* Media change notification for the system's handle on the drive (IOCTL_STORAGE_MCN_CONTROL
 * where there is one). E_IMAPI_RECORDER_LOCKED while another client holds the drive. */
HRESULT drive_mcn(struct drive *d, BOOL enable);

/* The device behind an initialized MsftDiscRecorder2 (NULL if it is not one, or not
 * initialized), for the format objects and the write engine. */
mmc_device *recorder_device(IDiscRecorder2 *recorder);
mmc_device *recorder_ex_device(IDiscRecorder2Ex *recorder);

/* Transports (filled into a struct drive by drive_open). */
HRESULT sptd_open(const WCHAR *path, struct drive *d);
HRESULT emulated_open(const char *dir, const WCHAR *name, struct drive *d);

/* Helpers shared by the transports: synthesize the storage descriptors from INQUIRY. */
HRESULT drive_synth_descriptors(struct drive *d, BYTE bus_type);

#endif
