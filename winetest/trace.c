/* Tracing, the Wine way: a child run with WINEDEBUG=+imapi2,+imapi2fs,+imapi2cdb calls a
 * known list of members (through the vtables and through IDispatch); the parent reads
 * the child's stderr and checks that each call is traced once, in order, with its
 * arguments, and that the drive's CDB trace (imapi2cdb) names the INQUIRY and READ
 * CAPACITY sent through IDiscRecorder2Ex with the status and sense they were answered.
 * The recorders are those of winetest/setup-recorders.sh, in process
 * (IMAPI_TEST_TRANSPORT=emulated) or behind drive letters (passthrough): the CDB trace
 * sits in the one wrapper both transports go through, so both are checked. */
#include <initguid.h>
#include "test.h"
#include "imapi2.h"
#include "imapi2error.h"
#include "imapi2fs.h"

/* ---- the child: the calls, and one line of results on stdout ---- */

static const IID null_iid;   /* IID_NULL (initguid.h would define GUID_NULL again) */

static void child_recorder(void)
{
    IDiscMaster2 *master;
    IDiscRecorder2 *rec;
    IDiscRecorder2Ex *ex;
    BSTR id = NULL, vendor = NULL, product = NULL;
    BYTE inquiry[6] = { 0x12, 0, 0, 0, 96, 0 };
    BYTE readcap[10] = { 0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
    BYTE sense[18], data[96];
    ULONG fetched;
    LONG count = 0;
    HRESULT hr;

    if (FAILED(CoCreateInstance(&CLSID_MsftDiscMaster2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscMaster2,
                                (void **)&master)))
        return;
    IDiscMaster2_get_Count(master, &count);
    if (count > 0) IDiscMaster2_get_Item(master, 0, &id);
    IDiscMaster2_Release(master);
    if (!id)
    {
        printf("child: no recorder\n");
        return;
    }
    if (FAILED(CoCreateInstance(&CLSID_MsftDiscRecorder2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscRecorder2,
                                (void **)&rec)))
        return;
    hr = IDiscRecorder2_InitializeDiscRecorder(rec, id);
    printf("child: recorder id %ls init %08lx\n", id, hr);
    IDiscRecorder2_get_VendorId(rec, &vendor);
    IDiscRecorder2_get_ProductId(rec, &product);
    if (SUCCEEDED(IDiscRecorder2_QueryInterface(rec, &IID_IDiscRecorder2Ex, (void **)&ex)))
    {
        memset(sense, 0, sizeof(sense));
        hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, inquiry, sizeof(inquiry), sense, 20, data, 96, &fetched);
        printf("child: inquiry %08lx\n", hr);
        memset(sense, 0, sizeof(sense));
        hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, readcap, sizeof(readcap), sense, 20, data, 8, &fetched);
        printf("child: readcap %08lx sense %x/%02x/%02x\n", hr, sense[2] & 0x0f, sense[12], sense[13]);
        IDiscRecorder2Ex_Release(ex);
    }
    IDiscRecorder2_Release(rec);
    SysFreeString(vendor);
    SysFreeString(product);
    SysFreeString(id);
}

static void child_fsimage(void)
{
    IFileSystemImage *fsi;
    IFsiDirectoryItem *root, *dir;
    IDispatch *disp;
    BSTR name = SysAllocString(L"TRACE"), dirname = SysAllocString(L"TRACEDIR");
    OLECHAR *member = (OLECHAR *)L"VolumeName";
    DISPPARAMS none = { NULL, NULL, 0, 0 };
    VARIANT result;
    DISPID dispid;

    if (FAILED(CoCreateInstance(&CLSID_MsftFileSystemImage, NULL, CLSCTX_INPROC_SERVER, &IID_IFileSystemImage,
                                (void **)&fsi)))
        return;
    IFileSystemImage_put_VolumeName(fsi, name);
    if (SUCCEEDED(IFileSystemImage_get_Root(fsi, &root)))
    {
        if (SUCCEEDED(IFileSystemImage_CreateDirectoryItem(fsi, dirname, &dir)))
        {
            IFsiDirectoryItem_Add(root, (IFsiItem *)dir);
            IFsiDirectoryItem_Release(dir);
        }
        IFsiDirectoryItem_Release(root);
    }
    /* as a script reads fsi.VolumeName */
    if (SUCCEEDED(IFileSystemImage_QueryInterface(fsi, &IID_IDispatch, (void **)&disp)))
    {
        if (SUCCEEDED(IDispatch_GetIDsOfNames(disp, &null_iid, &member, 1, LOCALE_USER_DEFAULT, &dispid)))
        {
            VariantInit(&result);
            IDispatch_Invoke(disp, dispid, &null_iid, LOCALE_USER_DEFAULT, DISPATCH_PROPERTYGET, &none, &result,
                             NULL, NULL);
            VariantClear(&result);
        }
        IDispatch_Release(disp);
    }
    IFileSystemImage_Release(fsi);
    SysFreeString(name);
    SysFreeString(dirname);
}

static void child(void)
{
    CoInitialize(NULL);
    child_recorder();
    child_fsimage();
    CoUninitialize();
    fflush(stdout);
}

/* ---- the parent ---- */

static char *run_child(const char *winedebug)
{
    static char out[1 << 20];
    char cmd[MAX_PATH + 32], exe[MAX_PATH];
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    HANDLE rd, wr;
    DWORD got, total = 0;
    char saved[256];
    DWORD had = GetEnvironmentVariableA("WINEDEBUG", saved, sizeof(saved));

    GetModuleFileNameA(NULL, exe, sizeof(exe));
    snprintf(cmd, sizeof(cmd), "\"%s\" child", exe);
    CreatePipe(&rd, &wr, &sa, 0);
    SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = wr;
    si.hStdError = wr;
    SetEnvironmentVariableA("WINEDEBUG", winedebug);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi), "CreateProcess failed\n");
    SetEnvironmentVariableA("WINEDEBUG", had && had < sizeof(saved) ? saved : NULL);
    CloseHandle(wr);
    while (total < sizeof(out) - 1 && ReadFile(rd, out + total, sizeof(out) - 1 - total, &got, NULL) && got)
        total += got;
    out[total] = 0;
    CloseHandle(rd);
    wait_child_process(pi.hProcess);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return out;
}

/* The start of the line holding "<ch>:<func> " at or after `from`, whose rest holds
 * `needle` (or any, when NULL); NULL when none. */
static const char *find_call(const char *from, const char *ch, const char *func, const char *needle)
{
    char key[128];
    const char *p = from;

    snprintf(key, sizeof(key), ":trace:%s:%s ", ch, func);
    while ((p = strstr(p, key)))
    {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *n = needle ? strstr(p, needle) : p;
        if (n && (size_t)(n - p) < len) return p;
        p += strlen(key);
    }
    return NULL;
}

static unsigned count_calls(const char *out, const char *ch, const char *func)
{
    unsigned n = 0;
    const char *p = out;
    while ((p = find_call(p, ch, func, NULL))) { n++; p++; }
    return n;
}

static void line_of(const char *p, char *buf, size_t size)
{
    const char *end = p ? strchr(p, '\n') : NULL;
    size_t len = p ? (end ? (size_t)(end - p) : strlen(p)) : 0;
    if (len >= size) len = size - 1;
    if (p) memcpy(buf, p, len);
    buf[len] = 0;
}

struct expect
{
    const char *ch, *func, *needle;
    BOOL once;      /* the member is called once: exactly one line */
};

/* Each expected line in order, each after the one before; returns the position after the last. */
static const char *check_sequence(const char *out, const struct expect *e, unsigned n, const char *pos)
{
    unsigned i;
    char line[300];

    for (i = 0; i < n; i++)
    {
        const char *p = find_call(pos, e[i].ch, e[i].func, e[i].needle);
        ok(p != NULL, "no trace of %s:%s with %s after the previous call\n", e[i].ch, e[i].func,
           e[i].needle ? e[i].needle : "(any)");
        if (e[i].once)
            ok(count_calls(out, e[i].ch, e[i].func) == 1, "%s traced %u times, expected once\n", e[i].func,
               count_calls(out, e[i].ch, e[i].func));
        if (!p) continue;
        line_of(p, line, sizeof(line));
        if (winetest_debug > 1) trace("%s\n", line);
        pos = p + 1;
    }
    return pos;
}

static void test_trace(void)
{
    static const struct expect fsimage[] =
    {
        { "imapi2fs", "fsimage_put_VolumeName", "->(L\"TRACE\")", TRUE },
        { "imapi2fs", "fsimage_get_Root", "->(", TRUE },
        { "imapi2fs", "fsimage_CreateDirectoryItem", "->(L\"TRACEDIR\" ", TRUE },
        { "imapi2fs", "dir_Add", "->(", TRUE },
        { "imapi2fs", "fsimage_GetIDsOfNames", "->({00000000-0000-0000-0000-000000000000} ", TRUE },
        { "imapi2fs", "imapi_dispatch_ids", "L\"VolumeName\" -> ", FALSE },
        { "imapi2fs", "fsimage_Invoke", "->(", TRUE },
        { "imapi2fs", "imapi_dispatch_invoke", "L\"VolumeName\" (DISPID ", FALSE },
        { "imapi2fs", "fsimage_get_VolumeName", "->(", TRUE },
    };
    struct expect recorder[] =
    {
        { "imapi2", "discmaster_get_Count", "->(", TRUE },
        { "imapi2", "discmaster_get_Item", "->(0 ", TRUE },
        { "imapi2", "recorder_InitializeDiscRecorder", NULL, TRUE },
        { "imapi2", "recorder_get_VendorId", "->(", TRUE },
        { "imapi2", "recorder_get_ProductId", "->(", TRUE },
        { "imapi2", "recorder_disc_recorder2_ex_SendCommandGetDataFromDevice", " 6 ", FALSE },
        { "imapi2cdb", "locked_execute", " INQUIRY [12 00 00 00 60 00] in 96 bytes -> GOOD, ", FALSE },
        { "imapi2", "recorder_disc_recorder2_ex_SendCommandGetDataFromDevice", " 10 ", FALSE },
        { "imapi2cdb", "locked_execute", NULL, FALSE },
    };
    char id[300] = "", needle[400], readcap_status[64], line[300];
    const char *out, *p, *pos;
    unsigned long hr, key, asc, ascq;

    out = run_child("+imapi2,+imapi2fs,+imapi2cdb");
    if (winetest_debug > 1) trace("child output:\n%s\n", out);

    /* the drive part: only when the child found a recorder */
    if (strstr(out, "child: no recorder"))
        skip("no recorder listed: the runner's emulated recorders are missing\n");
    else
    {
        ok((p = strstr(out, "child: recorder id ")) && sscanf(p, "child: recorder id %299s init %lx", id, &hr) == 2,
           "child did not report its recorder\n");
        ok(hr == S_OK, "InitializeDiscRecorder failed: %08lx\n", hr);
        /* the ID as traced: debugstr_w writes a backslash as \x005c */
        {
            char *q = needle + sprintf(needle, "->(L\"");
            const char *c;
            for (c = id; *c && q < needle + sizeof(needle) - 16; c++)
                q += *c == '\\' ? sprintf(q, "\\x005c") : sprintf(q, "%c", *c);
            strcpy(q, "\")");
        }
        recorder[2].needle = needle;
        ok((p = strstr(out, "child: readcap ")) && sscanf(p, "child: readcap %lx sense %lx/%lx/%lx", &hr, &key, &asc,
                                                          &ascq) == 4, "child did not report READ CAPACITY\n");
        if (hr == S_OK) strcpy(readcap_status, "-> GOOD, ");
        else
        {
            ok(hr == S_IMAPI_COMMAND_HAS_SENSE_DATA, "READ CAPACITY: %08lx\n", hr);
            snprintf(readcap_status, sizeof(readcap_status), "-> CHECK CONDITION, sense %lx/%02lx/%02lx,", key, asc, ascq);
        }
        {
            static char readcap_needle[128];
            snprintf(readcap_needle, sizeof(readcap_needle), " READ CAPACITY [25 00 00 00 00 00 00 00 00 00] in 8 bytes %s",
                     readcap_status);
            recorder[8].needle = readcap_needle;
        }
        pos = check_sequence(out, recorder, ARRAYSIZE(recorder), out);
        /* the CDB lines follow their SendCommand at once: no other command between */
        p = find_call(out, "imapi2", "recorder_disc_recorder2_ex_SendCommandGetDataFromDevice", " 10 ");
        p = p ? strchr(p, '\n') : NULL;
        line_of(p ? p + 1 : NULL, line, sizeof(line));
        ok(strstr(line, ":trace:imapi2cdb:") && strstr(line, "READ CAPACITY"),
           "READ CAPACITY is not the command after SendCommandGetDataFromDevice: %s\n", line);
        (void)pos;
    }
    check_sequence(out, fsimage, ARRAYSIZE(fsimage), out);
    /* the channels are separate */
    out = run_child("+imapi2");
    ok(!strstr(out, ":trace:imapi2cdb:"), "+imapi2 enabled the CDB trace\n");
    ok(!strstr(out, ":trace:imapi2fs:"), "+imapi2 enabled imapi2fs traces\n");
    ok(strstr(out, ":trace:imapi2:") != NULL || strstr(out, "child: no recorder"), "+imapi2 traced nothing\n");
    out = run_child("+imapi2cdb");
    ok(!strstr(out, ":trace:imapi2:"), "+imapi2cdb enabled imapi2 traces\n");
    if (!strstr(out, "child: no recorder"))
        ok(strstr(out, ":trace:imapi2cdb:locked_execute ") != NULL, "+imapi2cdb traced no command\n");
}

START_TEST(trace)
{
    char **argv;
    if (winetest_get_mainargs(&argv) >= 2 && !strcmp(argv[1], "child"))
    {
        child();
        ExitProcess(0);
    }
    test_trace();
}
