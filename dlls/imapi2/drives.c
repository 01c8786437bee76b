/* Drive enumeration and opened drives (see drives.h).
 *
 * Unique IDs (stable per drive, usable as persistent keys, compared case-insensitively):
 *  - real drives with a device interface: the interface path SetupDi reports for
 *    GUID_DEVINTERFACE_CDROM, as on Windows;
 *  - real drives found only by drive letter (Wine has no CD-ROM device interfaces):
 *    \\?\imapi2letter#cdrom#<letter>#{53f56308-b6bf-11d0-94f2-00a0c91efb8b}
 *    (opened as \\.\<letter>: for SCSI pass-through);
 *  - emulated recorders: \\?\imapi2emu#cdrom#<name>#{53f56308-b6bf-11d0-94f2-00a0c91efb8b}
 *    where <name> is the registry key name, or for IMAPI_VDRIVE_DIRS entries the last
 *    component of the directory (characters other than letters, digits, '-', '_', '.'
 *    become '_'; a repeated name gets "_2", "_3", ...).
 *
 * Emulated recorders are configured in the registry:
 *   HKLM\Software\Wine\IMAPI2\EmulatedRecorders\<name>
 *     Path        REG_SZ or REG_EXPAND_SZ  the recorder directory (Windows path, or Unix path starting with /)
 *     DriveLetter REG_SZ  optional: the letter under which the same recorder is also reachable
 *                         as a CD-ROM drive (dosdevices + LD_PRELOAD route); it is then listed
 *                         once, as this emulated recorder, with that letter as its volume path.
 * and, for tests, in the environment: IMAPI_VDRIVE_DIRS=dir1;dir2 (Windows or Unix paths).
 *
 * Both registry views are read, the 64-bit one first: a prefix holds 64- and 32-bit
 * programs, and a 32-bit reg.exe or program writes HKLM\Software to the 32-bit view
 * (Wow6432Node). Reading both, in the same order from either bitness, gives 32- and
 * 64-bit programs the same recorders whichever tool configured them; a name present in
 * both views is taken from the 64-bit one. In a 32-bit prefix both flags name one view. */

#include "drives.h"
#include <setupapi.h>
#include <winioctl.h>
#include <stdio.h>
#include "imapi2error.h"

/* Every CDB either transport answers, on a channel of its own: WINEDEBUG=+imapi2cdb. */
IMAPI_DECLARE_DEBUG_CHANNEL(imapi2cdb);

static const GUID cdrom_class = { 0x53f56308, 0xb6bf, 0x11d0, { 0x94, 0xf2, 0x00, 0xa0, 0xc9, 0x1e, 0xfb, 0x8b } };

static WCHAR *wcsdup_heap(const WCHAR *s)
{
    WCHAR *r;
    if (!s) return NULL;
    if ((r = malloc((wcslen(s) + 1) * sizeof(WCHAR)))) wcscpy(r, s);
    return r;
}

struct list_builder
{
    struct drive_entry *items;
    unsigned count, cap;
};

static struct drive_entry *add_entry(struct list_builder *b)
{
    if (b->count == b->cap)
    {
        unsigned cap = b->cap ? b->cap * 2 : 8;
        struct drive_entry *n = realloc(b->items, cap * sizeof(*n));
        if (!n) return NULL;
        b->items = n;
        b->cap = cap;
    }
    memset(&b->items[b->count], 0, sizeof(b->items[0]));
    return &b->items[b->count++];
}

static BOOL letter_claimed(const struct list_builder *b, WCHAR letter)
{
    unsigned i;
    for (i = 0; i < b->count; i++)
        if (b->items[i].letter && towupper(b->items[i].letter) == towupper(letter)) return TRUE;
    return FALSE;
}

/* The drive letter whose \\.\X: device has the given device number, or 0. */
static BOOL device_number_of(const WCHAR *path, STORAGE_DEVICE_NUMBER *num)
{
    HANDLE h = CreateFileW(path, 0, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    DWORD ret;
    BOOL ok;
    if (h == INVALID_HANDLE_VALUE) return FALSE;
    ok = DeviceIoControl(h, IOCTL_STORAGE_GET_DEVICE_NUMBER, NULL, 0, num, sizeof(*num), &ret, NULL);
    CloseHandle(h);
    return ok;
}

static WCHAR letter_of_interface(const WCHAR *path)
{
    STORAGE_DEVICE_NUMBER want, have;
    WCHAR dev[] = L"\\\\.\\A:", root[] = L"A:\\";
    DWORD mask = GetLogicalDrives();
    int i;
    if (!device_number_of(path, &want)) return 0;
    for (i = 0; i < 26; i++)
    {
        if (!(mask & (1u << i))) continue;
        root[0] = dev[4] = L'A' + i;
        if (GetDriveTypeW(root) != DRIVE_CDROM) continue;
        if (device_number_of(dev, &have) && have.DeviceType == want.DeviceType && have.DeviceNumber == want.DeviceNumber)
            return L'A' + i;
    }
    return 0;
}

/* Letters reserved by emulated recorders (DriveLetter values): skipped among real drives. */
static void real_drives(struct list_builder *b, const WCHAR *reserved)
{
    HDEVINFO set;
    SP_DEVICE_INTERFACE_DATA ifd;
    DWORD i, mask;
    WCHAR root[] = L"A:\\";

    set = SetupDiGetClassDevsW(&cdrom_class, NULL, NULL, DIGCF_PRESENT | DIGCF_DEVICEINTERFACE);
    if (set != INVALID_HANDLE_VALUE)
    {
        ifd.cbSize = sizeof(ifd);
        for (i = 0; SetupDiEnumDeviceInterfaces(set, NULL, &cdrom_class, i, &ifd); i++)
        {
            SP_DEVICE_INTERFACE_DETAIL_DATA_W *detail;
            DWORD size = 0;
            struct drive_entry *e;
            WCHAR letter;
            SetupDiGetDeviceInterfaceDetailW(set, &ifd, NULL, 0, &size, NULL);
            if (!size || !(detail = malloc(size))) continue;
            detail->cbSize = sizeof(*detail);
            if (SetupDiGetDeviceInterfaceDetailW(set, &ifd, detail, size, NULL, NULL))
            {
                letter = letter_of_interface(detail->DevicePath);
                if ((!letter || !wcschr(reserved, towupper(letter))) && (e = add_entry(b)))
                {
                    e->id = wcsdup_heap(detail->DevicePath);
                    e->letter = letter;
                    /* Under Wine only the drive letter's handle reaches the Unix device
                     * (and so SG_IO); the interface path is used when there is no letter. */
                    if (letter)
                    {
                        WCHAR dev[] = L"\\\\.\\A:";
                        dev[4] = letter;
                        e->open_path = wcsdup_heap(dev);
                    }
                    else e->open_path = wcsdup_heap(detail->DevicePath);
                }
            }
            free(detail);
        }
        SetupDiDestroyDeviceInfoList(set);
    }

    /* Drive letters of type CD-ROM not already found through an interface. */
    mask = GetLogicalDrives();
    for (i = 0; i < 26; i++)
    {
        WCHAR id[128], dev[] = L"\\\\.\\A:";
        struct drive_entry *e;
        if (!(mask & (1u << i))) continue;
        root[0] = L'A' + i;
        if (GetDriveTypeW(root) != DRIVE_CDROM) continue;
        if (letter_claimed(b, root[0]) || wcschr(reserved, root[0])) continue;
        if (!(e = add_entry(b))) break;
        swprintf(id, ARRAY_SIZE(id), L"\\\\?\\imapi2letter#cdrom#%lc#" DRIVES_CDROM_CLASS, (WCHAR)(L'a' + i));
        dev[4] = root[0];
        e->id = wcsdup_heap(id);
        e->open_path = wcsdup_heap(dev);
        e->letter = root[0];
    }
}

/* A recorder directory as the in-process core wants it: a Windows path in UTF-8. Unix
 * paths (leading '/') go through wine_get_dos_file_name, else Z: (Wine maps Z: to /). */
static char *recorder_dir_utf8(const WCHAR *path)
{
    WCHAR *dos = NULL, *tmp = NULL;
    char *out;
    int n;
    if (path[0] == L'/')
    {
        WCHAR *(CDECL *get_dos)(const char *) =
            (void *)GetProcAddress(GetModuleHandleW(L"kernel32.dll"), "wine_get_dos_file_name");
        char unix_path[MAX_PATH * 3];
        if (get_dos && WideCharToMultiByte(CP_UTF8, 0, path, -1, unix_path, sizeof(unix_path), NULL, NULL))
            dos = get_dos(unix_path);
        if (!dos && (tmp = malloc((wcslen(path) + 3) * sizeof(WCHAR))))
        {
            WCHAR *p;
            tmp[0] = L'Z'; tmp[1] = L':';
            wcscpy(tmp + 2, path);
            for (p = tmp; *p; p++) if (*p == L'/') *p = L'\\';
        }
    }
    n = WideCharToMultiByte(CP_UTF8, 0, dos ? dos : tmp ? tmp : path, -1, NULL, 0, NULL, NULL);
    if ((out = malloc(n))) WideCharToMultiByte(CP_UTF8, 0, dos ? dos : tmp ? tmp : path, -1, out, n, NULL, NULL);
    if (dos) HeapFree(GetProcessHeap(), 0, dos);
    free(tmp);
    return out;
}

static void add_emulated(struct list_builder *b, const WCHAR *name_in, const WCHAR *path, WCHAR letter)
{
    WCHAR name[64], id[160];
    struct drive_entry *e;
    unsigned i, k, suffix = 1;
    for (i = 0; name_in[i] && i < 48; i++)
    {
        WCHAR c = name_in[i];
        name[i] = (iswalnum(c) || c == L'-' || c == L'_' || c == L'.') && c < 128 ? c : L'_';
    }
    name[i] = 0;
    if (!i) wcscpy(name, L"recorder");
    for (;;)
    {
        if (suffix == 1) swprintf(id, ARRAY_SIZE(id), L"\\\\?\\imapi2emu#cdrom#%ls#" DRIVES_CDROM_CLASS, name);
        else swprintf(id, ARRAY_SIZE(id), L"\\\\?\\imapi2emu#cdrom#%ls_%u#" DRIVES_CDROM_CLASS, name, suffix);
        for (k = 0; k < b->count; k++) if (!_wcsicmp(b->items[k].id, id)) break;
        if (k == b->count) break;
        suffix++;
    }
    if (!(e = add_entry(b))) return;
    e->id = wcsdup_heap(id);
    e->emu_dir = recorder_dir_utf8(path);
    e->letter = letter ? towupper(letter) : 0;
    if (!e->id || !e->emu_dir) { free(e->id); free(e->emu_dir); b->count--; }
}

struct reg_recorder { WCHAR name[64]; WCHAR path[MAX_PATH]; WCHAR letter; };

/* Appends the recorders of one registry view to *list (n entries), skipping names
 * already listed; returns the new count. */
static unsigned registry_view_recorders(REGSAM view, struct reg_recorder **list, unsigned n)
{
    HKEY key;
    DWORD i;
    LONG err;
    if ((err = RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Wine\\IMAPI2\\EmulatedRecorders", 0, KEY_READ | view, &key)))
    {
        TRACE("no emulated recorders in registry view %#lx (%ld)\n", view, err);
        return n;
    }
    for (i = 0;; i++)
    {
        WCHAR name[64], letter[8];
        DWORD len = ARRAY_SIZE(name), size;
        struct reg_recorder *r;
        unsigned k;
        if ((err = RegEnumKeyExW(key, i, name, &len, NULL, NULL, NULL, NULL)))
        {
            TRACE("%lu keys in registry view %#lx (%ld)\n", i, view, err);
            break;
        }
        for (k = 0; k < n; k++) if (!_wcsicmp((*list)[k].name, name)) break;
        if (k < n) continue;
        if (!(r = realloc(*list, (n + 1) * sizeof(*r)))) break;
        *list = r;
        r = &r[n];
        memset(r, 0, sizeof(*r));
        wcscpy(r->name, name);
        size = sizeof(r->path) - sizeof(WCHAR);
        if (RegGetValueW(key, name, L"Path", RRF_RT_REG_SZ, NULL, r->path, &size) || !r->path[0])
        {
            WARN("emulated recorder %s has no Path value\n", debugstr_w(name));
            continue;
        }
        size = sizeof(letter);
        if (!RegGetValueW(key, name, L"DriveLetter", RRF_RT_REG_SZ, NULL, letter, &size) && iswalpha(letter[0]))
            r->letter = towupper(letter[0]);
        n++;
    }
    RegCloseKey(key);
    return n;
}

static unsigned registry_recorders(struct reg_recorder **out)
{
    unsigned n;
    *out = NULL;
    n = registry_view_recorders(KEY_WOW64_64KEY, out, 0);
    return registry_view_recorders(KEY_WOW64_32KEY, out, n);
}

HRESULT drives_enumerate(struct drive_entry **list, unsigned *count)
{
    struct list_builder b = { 0 };
    struct reg_recorder *regs;
    WCHAR reserved[27] = { 0 }, *env = NULL;
    unsigned nregs, i, nres = 0;
    DWORD len;

    nregs = registry_recorders(&regs);
    for (i = 0; i < nregs; i++) if (regs[i].letter && nres < 26) reserved[nres++] = regs[i].letter;

    real_drives(&b, reserved);
    for (i = 0; i < nregs; i++) add_emulated(&b, regs[i].name, regs[i].path, regs[i].letter);
    free(regs);

    if ((len = GetEnvironmentVariableW(L"IMAPI_VDRIVE_DIRS", NULL, 0)) && (env = malloc(len * sizeof(WCHAR))))
    {
        WCHAR *p, *next;
        GetEnvironmentVariableW(L"IMAPI_VDRIVE_DIRS", env, len);
        for (p = env; p && *p; p = next)
        {
            WCHAR *end, *base;
            if ((next = wcschr(p, L';'))) *next++ = 0;
            end = p + wcslen(p);
            while (end > p && (end[-1] == L'\\' || end[-1] == L'/')) *--end = 0;
            if (!*p) continue;
            base = p + wcslen(p);
            while (base > p && base[-1] != L'\\' && base[-1] != L'/') base--;
            add_emulated(&b, base, p, 0);
        }
        free(env);
    }
    for (i = 0; i < b.count; i++) b.items[i].legacy_number = i;
    *list = b.items;
    *count = b.count;
    TRACE("%u drives\n", b.count);
    return S_OK;
}

void drives_free(struct drive_entry *list, unsigned count)
{
    unsigned i;
    if (!list) return;
    for (i = 0; i < count; i++)
    {
        free(list[i].id);
        free(list[i].open_path);
        free(list[i].emu_dir);
    }
    free(list);
}

HRESULT drives_find(const WCHAR *id, struct drive_entry **out)
{
    struct drive_entry *list, *e;
    unsigned count, i;
    HRESULT hr;
    *out = NULL;
    if (FAILED(hr = drives_enumerate(&list, &count))) return hr;
    for (i = 0; i < count; i++)
    {
        if (_wcsicmp(list[i].id, id)) continue;
        if (!(e = calloc(1, sizeof(*e)))) break;
        *e = list[i];
        memset(&list[i], 0, sizeof(list[i]));
        *out = e;
        break;
    }
    drives_free(list, count);
    return *out ? S_OK : E_INVALIDARG;
}

/* ---- the exclusive-access record ----
 * One page of named shared memory per drive ("Local\imapi2-exclusive-<hash of the ID>"):
 * the owner's token (process id << 32 | a per-process counter, 0 = free) and its client
 * name. Taken with a compare-exchange; a holder whose process has ended no longer counts,
 * so the lock goes away with the process, as CDROM.SYS drops it when the handle closes. */

struct lock_shared
{
    volatile LONG64 owner;
    WCHAR name[64];
};

struct drive_lock
{
    HANDLE mapping;
    struct lock_shared *shared;
};

static LONG token_counter;

static BOOL token_alive(LONG64 token)
{
    DWORD pid = (DWORD)((ULONG64)token >> 32), code = 0;
    HANDLE p;
    BOOL alive;
    if (pid == GetCurrentProcessId()) return TRUE;
    if (!(p = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid))) return FALSE;
    alive = GetExitCodeProcess(p, &code) && code == STILL_ACTIVE;
    CloseHandle(p);
    return alive;
}

static struct drive_lock *lock_open(const WCHAR *id)
{
    struct drive_lock *l;
    WCHAR name[80];
    DWORD hash = 2166136261u;
    const WCHAR *p;
    for (p = id; *p; p++) hash = (hash ^ towupper(*p)) * 16777619u;
    swprintf(name, ARRAY_SIZE(name), L"Local\\imapi2-exclusive-%08lx", (unsigned long)hash);
    if (!(l = calloc(1, sizeof(*l)))) return NULL;
    l->mapping = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(struct lock_shared), name);
    if (!l->mapping || !(l->shared = MapViewOfFile(l->mapping, FILE_MAP_ALL_ACCESS, 0, 0, sizeof(struct lock_shared))))
    {
        if (l->mapping) CloseHandle(l->mapping);
        free(l);
        return NULL;
    }
    return l;
}

static void lock_close(struct drive_lock *l)
{
    if (!l) return;
    UnmapViewOfFile(l->shared);
    CloseHandle(l->mapping);
    free(l);
}

/* Held by another handle (whose process still runs)? */
static BOOL lock_foreign(struct drive *d)
{
    LONG64 owner;
    if (!d->lock) return FALSE;
    owner = d->lock->shared->owner;
    return owner && owner != d->token && token_alive(owner);
}

/* Every command of a handle that does not hold a taken lock answers BUSY (-> E_IMAPI_RECORDER_LOCKED),
 * except INQUIRY, which CDROM.SYS answers from its cached identify data. */
static const char *status_name(int status)
{
    switch (status)
    {
    case MMC_STATUS_GOOD: return "GOOD";
    case MMC_STATUS_CHECK_CONDITION: return "CHECK CONDITION";
    case MMC_STATUS_TIMEOUT: return "TIMEOUT";
    case MMC_STATUS_TRANSPORT_ERROR: return "TRANSPORT ERROR";
    case MMC_STATUS_BUSY: return "BUSY";
    }
    return "?";
}

/* The CDB bytes in hex, and ", sense K/AS/AQ" for a CHECK CONDITION. */
static void describe_cdb(const mmc_command *cmd, int status, char cdb[16 * 3 + 1], char sense[40])
{
    unsigned i, n = cmd->cdb_len <= 16 ? cmd->cdb_len : 16;
    char *p = cdb;

    *p = 0;
    for (i = 0; i < n; i++) p += sprintf(p, i ? " %02x" : "%02x", cmd->cdb[i]);
    *sense = 0;
    if (status == MMC_STATUS_CHECK_CONDITION)
        sprintf(sense, ", sense %x/%02x/%02x", cmd->sense[2] & 0x0f, cmd->sense[12], cmd->sense[13]);
}

/* The one way every command reaches either transport (emulated or pass-through). Traced
 * on imapi2cdb, one line per command after it: the drive, opcode name, CDB bytes, data
 * direction and length, status (with sense key/ASC/ASCQ) and the bytes moved. */
static int locked_execute(mmc_transport *t, mmc_command *cmd)
{
    static const char *const dirs[] = { "none", "in", "out" };
    struct drive *d = t->ctx;
    char cdb[16 * 3 + 1], sense[40];
    int status;

    if (cmd->cdb[0] != MMC_INQUIRY && lock_foreign(d)) status = MMC_STATUS_BUSY;
    else status = d->inner->execute(d->inner, cmd);
    if (TRACE_ON_(imapi2cdb))
    {
        describe_cdb(cmd, status, cdb, sense);
        TRACE_(imapi2cdb)("(%p) %s [%s] %s %lu bytes -> %s%s, %lu transferred\n", d, mmc_opcode_name(cmd->cdb[0]),
                          cdb, (unsigned)cmd->dir < ARRAY_SIZE(dirs) ? dirs[cmd->dir] : "?", (unsigned long)cmd->len,
                          status_name(status), sense, (unsigned long)cmd->transferred);
    }
    return status;
}

/* ---- exclusive access through IOCTL_CDROM_EXCLUSIVE_ACCESS (public DDK layout) ---- */
#define IMAPI_IOCTL_CDROM_EXCLUSIVE_ACCESS CTL_CODE(FILE_DEVICE_CD_ROM, 0x0017, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
enum { EXCL_QUERY_STATE = 0, EXCL_LOCK = 1, EXCL_UNLOCK = 2 };
#define EXCL_LOCK_IGNORE_VOLUME 0x1
#define EXCL_CALLER_LENGTH 64
struct cdrom_exclusive_access { ULONG RequestType; ULONG Flags; };
struct cdrom_exclusive_lock { struct cdrom_exclusive_access Access; UCHAR CallerName[EXCL_CALLER_LENGTH]; };
struct cdrom_exclusive_lock_state { BOOLEAN LockState; UCHAR CallerName[EXCL_CALLER_LENGTH]; };

HRESULT drive_exclusive_acquire(struct drive *d, BOOL force, const WCHAR *name)
{
    LONG64 owner;
    if (d->handle != INVALID_HANDLE_VALUE)
    {
        struct cdrom_exclusive_lock req;
        DWORD ret;
        memset(&req, 0, sizeof(req));
        req.Access.RequestType = EXCL_LOCK;
        req.Access.Flags = force ? EXCL_LOCK_IGNORE_VOLUME : 0;
        WideCharToMultiByte(CP_ACP, 0, name, -1, (char *)req.CallerName, EXCL_CALLER_LENGTH - 1, NULL, NULL);
        if (DeviceIoControl(d->handle, IMAPI_IOCTL_CDROM_EXCLUSIVE_ACCESS, &req, sizeof(req), NULL, 0, &ret, NULL))
        {
            d->os_exclusive = TRUE;
            return S_OK;
        }
        if (GetLastError() == ERROR_ACCESS_DENIED) return E_ACCESSDENIED;
        TRACE("IOCTL_CDROM_EXCLUSIVE_ACCESS not available (%lu), using our own lock\n", GetLastError());
    }
    if (!d->lock) return E_FAIL;
    owner = InterlockedCompareExchange64(&d->lock->shared->owner, d->token, 0);
    if (owner && owner != d->token)
    {
        /* the holder's process is gone: take over */
        if (token_alive(owner) || InterlockedCompareExchange64(&d->lock->shared->owner, d->token, owner) != owner)
            return E_ACCESSDENIED;
    }
    lstrcpynW(d->lock->shared->name, name, ARRAY_SIZE(d->lock->shared->name));
    return S_OK;
}

HRESULT drive_exclusive_release(struct drive *d)
{
    if (d->os_exclusive)
    {
        struct cdrom_exclusive_lock req;
        DWORD ret;
        memset(&req, 0, sizeof(req));
        req.Access.RequestType = EXCL_UNLOCK;
        d->os_exclusive = FALSE;
        return DeviceIoControl(d->handle, IMAPI_IOCTL_CDROM_EXCLUSIVE_ACCESS, &req, sizeof(req), NULL, 0, &ret, NULL)
               ? S_OK : HRESULT_FROM_WIN32(GetLastError());
    }
    if (d->lock && d->lock->shared->owner == d->token)
    {
        d->lock->shared->name[0] = 0;
        InterlockedCompareExchange64(&d->lock->shared->owner, 0, d->token);
    }
    return S_OK;
}

HRESULT drive_exclusive_owner(struct drive *d, WCHAR **owner)
{
    WCHAR name[EXCL_CALLER_LENGTH] = { 0 };
    LONG64 tok;
    *owner = NULL;
    if (d->lock && (tok = d->lock->shared->owner) && token_alive(tok))
    {
        /* The holder writes its name just after taking the token: give it a moment, so a
         * reader never reports a held recorder with an empty owner. */
        unsigned tries = 0;
        lstrcpynW(name, d->lock->shared->name, ARRAY_SIZE(name));
        while (!name[0] && tries++ < 50 && d->lock->shared->owner == tok)
        {
            Sleep(1);
            lstrcpynW(name, d->lock->shared->name, ARRAY_SIZE(name));
        }
    }
    else if (d->handle != INVALID_HANDLE_VALUE)
    {
        struct cdrom_exclusive_access req = { EXCL_QUERY_STATE, 0 };
        struct cdrom_exclusive_lock_state state;
        DWORD ret;
        memset(&state, 0, sizeof(state));
        if (DeviceIoControl(d->handle, IMAPI_IOCTL_CDROM_EXCLUSIVE_ACCESS, &req, sizeof(req), &state, sizeof(state), &ret, NULL)
            && state.LockState)
            MultiByteToWideChar(CP_ACP, 0, (char *)state.CallerName, -1, name, ARRAY_SIZE(name) - 1);
    }
    if (!(*owner = CoTaskMemAlloc((wcslen(name) + 1) * sizeof(WCHAR)))) return E_OUTOFMEMORY;
    wcscpy(*owner, name);
    return S_OK;
}

HRESULT drive_mcn(struct drive *d, BOOL enable)
{
    if (lock_foreign(d)) return E_IMAPI_RECORDER_LOCKED;
    if (d->handle != INVALID_HANDLE_VALUE)
    {
        PREVENT_MEDIA_REMOVAL pmr;
        DWORD ret;
        pmr.PreventMediaRemoval = !enable;
        /* not every system has it (Wine does not): notifications then stay as they are */
        if (!DeviceIoControl(d->handle, IOCTL_STORAGE_MCN_CONTROL, &pmr, sizeof(pmr), NULL, 0, &ret, NULL))
            TRACE("IOCTL_STORAGE_MCN_CONTROL: %lu\n", GetLastError());
    }
    return S_OK;
}

/* ---- opening ---- */

HRESULT drive_synth_descriptors(struct drive *d, BYTE bus_type)
{
    STORAGE_ADAPTER_DESCRIPTOR *a;
    STORAGE_DEVICE_DESCRIPTOR *dev;
    mmc_device md;
    mmc_inquiry inq;
    ULONG off, size;
    char *p;

    if (!d->adapter_desc)
    {
        if (!(a = calloc(1, sizeof(*a)))) return E_OUTOFMEMORY;
        a->Version = a->Size = sizeof(*a);
        a->MaximumTransferLength = d->max_transfer;
        a->MaximumPhysicalPages = d->max_pages;
        a->AlignmentMask = d->alignment_mask;
        a->AdapterUsesPio = FALSE;
        a->AdapterScansDown = FALSE;
        a->CommandQueueing = FALSE;
        a->AcceleratedTransfer = TRUE;
        a->BusType = bus_type;
        a->BusMajorVersion = 1;
        d->adapter_desc = (BYTE *)a;
        d->adapter_desc_len = sizeof(*a);
    }
    if (!d->device_desc)
    {
        /* through the traced wrapper, so +imapi2cdb shows this INQUIRY too (no lock is
         * set up yet, and INQUIRY passes any lock anyway) */
        memset(&inq, 0, sizeof(inq));
        d->wrapper.execute = locked_execute;
        d->wrapper.release = NULL;
        d->wrapper.ctx = d;
        mmc_dev_init(&md, &d->wrapper);
        mmc_dev_inquiry(&md, &inq);
        off = FIELD_OFFSET(STORAGE_DEVICE_DESCRIPTOR, RawDeviceProperties);
        size = off + sizeof(inq.vendor) + sizeof(inq.product) + sizeof(inq.revision) + 1;
        if (!(dev = calloc(1, size))) return E_OUTOFMEMORY;
        dev->Version = sizeof(STORAGE_DEVICE_DESCRIPTOR);
        dev->Size = size;
        dev->DeviceType = 5;          /* CD/DVD device (SCSI peripheral type 5) */
        dev->RemovableMedia = TRUE;
        dev->BusType = bus_type;
        p = (char *)dev + off;
        dev->VendorIdOffset = off; strcpy(p, inq.vendor); p += strlen(inq.vendor) + 1;
        dev->ProductIdOffset = (ULONG)(p - (char *)dev); strcpy(p, inq.product); p += strlen(inq.product) + 1;
        dev->ProductRevisionOffset = (ULONG)(p - (char *)dev); strcpy(p, inq.revision);
        dev->SerialNumberOffset = 0;  /* none */
        d->device_desc = (BYTE *)dev;
        d->device_desc_len = size;
    }
    return S_OK;
}

HRESULT drive_open(const struct drive_entry *e, struct drive **out)
{
    struct drive *d;
    HRESULT hr;
    *out = NULL;
    if (!(d = calloc(1, sizeof(*d)))) return E_OUTOFMEMORY;
    d->handle = INVALID_HANDLE_VALUE;
    if (e->emu_dir)
    {
        const WCHAR *name = wcsstr(e->id, L"#cdrom#");
        hr = emulated_open(e->emu_dir, name ? name + 7 : e->id, d);
    }
    else hr = sptd_open(e->open_path, d);
    if (FAILED(hr))
    {
        drive_close(d);
        return hr;
    }
    d->lock = lock_open(e->id);
    d->token = (LONG64)((ULONG64)GetCurrentProcessId() << 32 | (ULONG)InterlockedIncrement(&token_counter));
    d->wrapper.execute = locked_execute;
    d->wrapper.release = NULL;
    d->wrapper.ctx = d;
    d->transport = &d->wrapper;
    *out = d;
    return S_OK;
}

void drive_close(struct drive *d)
{
    if (!d) return;
    drive_exclusive_release(d);
    lock_close(d->lock);
    if (d->inner && d->inner->release) d->inner->release(d->inner);
    if (d->handle != INVALID_HANDLE_VALUE) CloseHandle(d->handle);
    free(d->adapter_desc);
    free(d->device_desc);
    free(d);
}
