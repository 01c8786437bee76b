/* The real-drive transport: SCSI pass-through direct on the drive handle
 * (DeviceIoControl(IOCTL_SCSI_PASS_THROUGH_DIRECT); Wine turns it into SG_IO). */

#include "drives.h"
#include <winioctl.h>
#include <ntddscsi.h>

/* The public DDK layout, checked for both bitnesses: the data buffer is a pointer (4 or
 * 8 bytes), so the CDB sits at 28 (Win32) or 36 (Win64) and the struct is 44 or 56 bytes. */
#ifdef _WIN64
C_ASSERT(FIELD_OFFSET(SCSI_PASS_THROUGH_DIRECT, DataBuffer) == 24);
C_ASSERT(FIELD_OFFSET(SCSI_PASS_THROUGH_DIRECT, Cdb) == 36);
C_ASSERT(sizeof(SCSI_PASS_THROUGH_DIRECT) == 56);
#else
C_ASSERT(FIELD_OFFSET(SCSI_PASS_THROUGH_DIRECT, DataBuffer) == 20);
C_ASSERT(FIELD_OFFSET(SCSI_PASS_THROUGH_DIRECT, Cdb) == 28);
C_ASSERT(sizeof(SCSI_PASS_THROUGH_DIRECT) == 44);
#endif

struct sptd_request
{
    SCSI_PASS_THROUGH_DIRECT sptd;
    ULONG filler;                   /* sense follows at an aligned offset */
    UCHAR sense[32];
};

struct sptd_transport
{
    mmc_transport base;
    HANDLE handle;
    ULONG alignment_mask;
};

/* Timeouts by command kind when the caller leaves it to us (0). */
static ULONG default_timeout(UCHAR op)
{
    switch (op)
    {
    case MMC_BLANK: case MMC_FORMAT_UNIT: case MMC_CLOSE_TRACK_SESSION: case MMC_SYNCHRONIZE_CACHE:
        return MMC_TIMEOUT_LONG;
    case MMC_START_STOP_UNIT: case MMC_SEND_OPC_INFORMATION: case 0x28: case 0x2A: case 0xA8: case 0xAA:
    case MMC_READ_CD: case 0x2E: case 0x5D: /* READ/WRITE(10/12), READ CD, WRITE AND VERIFY, SEND CUE SHEET */
        return MMC_TIMEOUT_MEDIUM;
    default:
        return MMC_TIMEOUT_DEFAULT;
    }
}

static int sptd_execute(mmc_transport *t, mmc_command *cmd)
{
    struct sptd_transport *s = CONTAINING_RECORD(t, struct sptd_transport, base);
    struct sptd_request req;
    void *data = cmd->buf, *bounce = NULL;
    DWORD ret;
    BOOL ok;

    memset(&req, 0, sizeof(req));
    cmd->transferred = 0;
    memset(cmd->sense, 0, sizeof(cmd->sense));
    if (cmd->len > 0xFFFFFFFFu) return MMC_STATUS_TRANSPORT_ERROR;
    /* Buffers the adapter cannot take as they are go through an aligned copy. */
    if (cmd->len && ((ULONG_PTR)data & s->alignment_mask))
    {
        if (!(bounce = VirtualAlloc(NULL, cmd->len, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)))
            return MMC_STATUS_TRANSPORT_ERROR;
        if (cmd->dir == MMC_DIR_OUT) memcpy(bounce, cmd->buf, cmd->len);
        data = bounce;
    }
    req.sptd.Length = sizeof(req.sptd);
    req.sptd.CdbLength = cmd->cdb_len;
    memcpy(req.sptd.Cdb, cmd->cdb, cmd->cdb_len);
    req.sptd.DataIn = cmd->dir == MMC_DIR_IN ? SCSI_IOCTL_DATA_IN
                    : cmd->dir == MMC_DIR_OUT ? SCSI_IOCTL_DATA_OUT : SCSI_IOCTL_DATA_UNSPECIFIED;
    req.sptd.DataTransferLength = cmd->len ? (ULONG)cmd->len : 0;
    req.sptd.DataBuffer = cmd->len ? data : NULL;
    req.sptd.TimeOutValue = cmd->timeout_s ? cmd->timeout_s : default_timeout(cmd->cdb[0]);
    req.sptd.SenseInfoOffset = FIELD_OFFSET(struct sptd_request, sense);
    req.sptd.SenseInfoLength = sizeof(req.sense);

    ok = DeviceIoControl(s->handle, IOCTL_SCSI_PASS_THROUGH_DIRECT, &req, sizeof(req), &req, sizeof(req), &ret, NULL);
    if (!ok)
    {
        DWORD err = GetLastError();
        if (bounce) VirtualFree(bounce, 0, MEM_RELEASE);
        WARN("pass-through of %02x failed: %lu\n", cmd->cdb[0], err);
        if (err == ERROR_SEM_TIMEOUT || err == ERROR_TIMEOUT || err == WAIT_TIMEOUT) return MMC_STATUS_TIMEOUT;
        if (err == ERROR_BUSY || err == ERROR_ACCESS_DENIED) return MMC_STATUS_BUSY;
        return MMC_STATUS_TRANSPORT_ERROR;
    }
    if (req.sptd.DataTransferLength <= cmd->len) cmd->transferred = req.sptd.DataTransferLength;
    else cmd->transferred = cmd->len + 1;  /* impossible count: the device layer rejects it */
    if (bounce)
    {
        if (cmd->dir == MMC_DIR_IN && cmd->transferred <= cmd->len) memcpy(cmd->buf, bounce, cmd->transferred);
        VirtualFree(bounce, 0, MEM_RELEASE);
    }
    switch (req.sptd.ScsiStatus)
    {
    case 0x00: return MMC_STATUS_GOOD;
    case 0x02:                                  /* CHECK CONDITION */
        memcpy(cmd->sense, req.sense, min(sizeof(cmd->sense), (size_t)min(req.sptd.SenseInfoLength, sizeof(req.sense))));
        return MMC_STATUS_CHECK_CONDITION;
    case 0x08: case 0x18: return MMC_STATUS_BUSY; /* BUSY, RESERVATION CONFLICT */
    default: return MMC_STATUS_TRANSPORT_ERROR;
    }
}

static void sptd_release(mmc_transport *t)
{
    free(CONTAINING_RECORD(t, struct sptd_transport, base));
}

/* STORAGE_*_DESCRIPTOR through IOCTL_STORAGE_QUERY_PROPERTY, kept whole. */
static BYTE *query_property(HANDLE h, STORAGE_PROPERTY_ID id, ULONG *len)
{
    STORAGE_PROPERTY_QUERY q;
    STORAGE_DESCRIPTOR_HEADER head;
    BYTE *buf;
    DWORD ret;
    memset(&q, 0, sizeof(q));
    q.PropertyId = id;
    q.QueryType = PropertyStandardQuery;
    if (!DeviceIoControl(h, IOCTL_STORAGE_QUERY_PROPERTY, &q, sizeof(q), &head, sizeof(head), &ret, NULL)
        || ret < sizeof(head) || head.Size < sizeof(head) || head.Size > 65536)
        return NULL;
    if (!(buf = calloc(1, head.Size))) return NULL;
    if (!DeviceIoControl(h, IOCTL_STORAGE_QUERY_PROPERTY, &q, sizeof(q), buf, head.Size, &ret, NULL) || ret < 8)
    {
        free(buf);
        return NULL;
    }
    *len = ret;
    return buf;
}

HRESULT sptd_open(const WCHAR *path, struct drive *d)
{
    struct sptd_transport *s;
    HANDLE h;
    TRACE("%s\n", debugstr_w(path));
    h = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
    {
        DWORD err = GetLastError();
        WARN("cannot open %s: %lu\n", debugstr_w(path), err);
        return err == ERROR_ACCESS_DENIED ? E_ACCESSDENIED : HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST);
    }
    if (!(s = calloc(1, sizeof(*s))))
    {
        CloseHandle(h);
        return E_OUTOFMEMORY;
    }
    d->handle = h;
    d->max_transfer = 0x10000;
    d->max_pages = 17;
    d->alignment_mask = 0;
    if ((d->adapter_desc = query_property(h, StorageAdapterProperty, &d->adapter_desc_len))
        && d->adapter_desc_len >= FIELD_OFFSET(STORAGE_ADAPTER_DESCRIPTOR, AdapterUsesPio))
    {
        STORAGE_ADAPTER_DESCRIPTOR *a = (STORAGE_ADAPTER_DESCRIPTOR *)d->adapter_desc;
        /* Only masks of the form 2^n - 1 make sense; anything else is taken as 1 (no need). */
        d->alignment_mask = (a->AlignmentMask & (a->AlignmentMask + 1)) ? 0 : a->AlignmentMask;
        if (a->MaximumTransferLength) d->max_transfer = a->MaximumTransferLength;
        if (a->MaximumPhysicalPages) d->max_pages = a->MaximumPhysicalPages;
    }
    else
    {
        free(d->adapter_desc);
        d->adapter_desc = NULL;
    }
    d->device_desc = query_property(h, StorageDeviceProperty, &d->device_desc_len);
    s->handle = h;
    s->alignment_mask = d->alignment_mask;
    s->base.execute = sptd_execute;
    s->base.release = sptd_release;
    s->base.ctx = s;
    d->inner = &s->base;
    /* What the system does not describe (Wine answers few storage queries) is synthesized
     * from INQUIRY, as for emulated recorders. */
    return drive_synth_descriptors(d, BusTypeAtapi);
}
