/* One prefix, both bitnesses: a 32-bit and a 64-bit program list the same recorders.
 *
 * The emulated recorders' configuration (HKLM\Software\Wine\IMAPI2\EmulatedRecorders)
 * is written here once through the 64-bit registry view and once through the 32-bit
 * view (where a 32-bit reg.exe or program writes HKLM\Software), and this program and
 * its counterpart of the other bitness (IMAPI_OTHER_BUILD_DIR_WIN\winetest\bitness.exe,
 * started as a child with "list") must both list both, with the same unique IDs in the
 * same order. Without the other bitness in the prefix, that half is skipped and says so.
 *
 *   bitness.exe          the test
 *   bitness.exe list     prints "bits N", then one "id <unique id>" line per recorder */
#include <initguid.h>
#include <stdio.h>
#include "test.h"
#include "imapi2.h"
#include "imapi2error.h"

#define MAX_IDS 64
static const WCHAR keyname[] = L"Software\\Wine\\IMAPI2\\EmulatedRecorders";

struct id_list { unsigned count; WCHAR id[MAX_IDS][256]; };

static BOOL list_ids(struct id_list *out)
{
    IDiscMaster2 *m = NULL;
    LONG count = 0, i;
    HRESULT hr;

    out->count = 0;
    hr = CoCreateInstance(&CLSID_MsftDiscMaster2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscMaster2, (void **)&m);
    if (FAILED(hr)) return FALSE;
    IDiscMaster2_get_Count(m, &count);
    for (i = 0; i < count && out->count < MAX_IDS; i++)
    {
        BSTR s = NULL;
        if (IDiscMaster2_get_Item(m, i, &s) == S_OK && s)
            lstrcpynW(out->id[out->count++], s, 256);
        SysFreeString(s);
    }
    IDiscMaster2_Release(m);
    return TRUE;
}

static void child_list(void)
{
    struct id_list ids;
    unsigned i;
    HRESULT hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    if (FAILED(hr) || !list_ids(&ids))
    {
        printf("error CoCreateInstance(MsftDiscMaster2)\n");
        return;
    }
    printf("bits %u\n", (unsigned)(sizeof(void *) * 8));
    for (i = 0; i < ids.count; i++) printf("id %ls\n", ids.id[i]);
    fflush(stdout);
    CoUninitialize();
}

static BOOL has_id(const struct id_list *l, const WCHAR *part)
{
    unsigned i;
    for (i = 0; i < l->count; i++) if (wcsstr(l->id[i], part)) return TRUE;
    return FALSE;
}

/* Adds <name> with Path = <recorders>\<dir> in one registry view. */
static BOOL add_recorder(REGSAM view, const WCHAR *name, const WCHAR *dir)
{
    WCHAR recorders[MAX_PATH], path[MAX_PATH];
    HKEY key, sub;
    LONG err;
    if (!GetEnvironmentVariableW(L"IMAPI_TEST_RECORDERS_WIN", recorders, ARRAYSIZE(recorders))) return FALSE;
    swprintf(path, ARRAYSIZE(path), L"%ls\\%ls", recorders, dir);
    if ((err = RegCreateKeyExW(HKEY_LOCAL_MACHINE, keyname, 0, NULL, 0, KEY_ALL_ACCESS | view, NULL, &key, NULL)))
        return FALSE;
    err = RegCreateKeyExW(key, name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, NULL);
    if (!err)
    {
        err = RegSetValueExW(sub, L"Path", 0, REG_SZ, (BYTE *)path, (DWORD)(wcslen(path) + 1) * sizeof(WCHAR));
        RegCloseKey(sub);
    }
    RegCloseKey(key);
    return !err;
}

static void remove_recorder(REGSAM view, const WCHAR *name)
{
    HKEY key;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, keyname, 0, KEY_ALL_ACCESS | view, &key)) return;
    RegDeleteKeyW(key, name);
    RegCloseKey(key);
}

/* Runs the other bitness's bitness.exe list; fills *ids, returns its pointer size or 0. */
static unsigned other_list(const WCHAR *exe, struct id_list *ids)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOW si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    HANDLE rd, wr;
    WCHAR cmd[MAX_PATH + 16];
    static char buf[65536];
    DWORD got, total = 0;
    unsigned bits = 0;
    char *line, *next;

    ids->count = 0;
    if (!CreatePipe(&rd, &wr, &sa, 0)) return 0;
    SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdOutput = wr;
    si.hStdError = wr;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    swprintf(cmd, ARRAYSIZE(cmd), L"\"%ls\" list", exe);
    if (!CreateProcessW(exe, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "cannot start %s: %lu\n", wine_dbgstr_w(exe), GetLastError());
        CloseHandle(rd);
        CloseHandle(wr);
        return 0;
    }
    CloseHandle(wr);
    while (total < sizeof(buf) - 1 && ReadFile(rd, buf + total, sizeof(buf) - 1 - total, &got, NULL) && got)
        total += got;
    buf[total] = 0;
    CloseHandle(rd);
    wait_child_process(pi.hProcess);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);

    for (line = buf; line && *line; line = next)
    {
        if ((next = strchr(line, '\n'))) *next++ = 0;
        line[strcspn(line, "\r")] = 0;
        if (!strncmp(line, "bits ", 5)) bits = atoi(line + 5);
        else if (!strncmp(line, "id ", 3) && ids->count < MAX_IDS)
            MultiByteToWideChar(CP_UTF8, 0, line + 3, -1, ids->id[ids->count++], 256);
        else if (*line) trace("child: %s\n", line);
    }
    return bits;
}

static void test_both_views(void)
{
    WCHAR other[MAX_PATH], exe[MAX_PATH];
    struct id_list mine, theirs;
    unsigned bits, i;
    BOOL ok64, ok32;

    ok64 = add_recorder(KEY_WOW64_64KEY, L"BitnessView64", L"BlankCDR");
    ok32 = add_recorder(KEY_WOW64_32KEY, L"BitnessView32", L"DVDPlusRW");
    ok(ok64 && ok32, "cannot write the recorder configuration (64-bit view %d, 32-bit view %d)\n", ok64, ok32);

    ok(list_ids(&mine), "CoCreateInstance(MsftDiscMaster2) failed\n");
    ok(has_id(&mine, L"#cdrom#BitnessView64#"), "the recorder written to the 64-bit registry view is not listed\n");
    ok(has_id(&mine, L"#cdrom#BitnessView32#"), "the recorder written to the 32-bit registry view is not listed\n");

    if (!GetEnvironmentVariableW(L"IMAPI_OTHER_BUILD_DIR_WIN", other, ARRAYSIZE(other)))
        skip("the other bitness is not installed in this prefix: only this side was checked\n");
    else
    {
        swprintf(exe, ARRAYSIZE(exe), L"%ls\\winetest\\bitness.exe", other);
        bits = other_list(exe, &theirs);
        ok(bits && bits != sizeof(void *) * 8, "the other program reports %u bits (this one %u)\n",
           bits, (unsigned)(sizeof(void *) * 8));
        ok(theirs.count == mine.count, "the %u-bit program lists %u recorders, this one %u\n", bits, theirs.count, mine.count);
        for (i = 0; i < mine.count && i < theirs.count; i++)
            ok(!lstrcmpiW(mine.id[i], theirs.id[i]), "recorder %u: %s here, %s in the %u-bit program\n",
               i, wine_dbgstr_w(mine.id[i]), wine_dbgstr_w(theirs.id[i]), bits);
        ok(has_id(&theirs, L"#cdrom#BitnessView64#") && has_id(&theirs, L"#cdrom#BitnessView32#"),
           "the %u-bit program misses a recorder of one registry view\n", bits);
    }

    remove_recorder(KEY_WOW64_64KEY, L"BitnessView64");
    remove_recorder(KEY_WOW64_32KEY, L"BitnessView32");
    ok(list_ids(&mine) && !has_id(&mine, L"#cdrom#BitnessView64#") && !has_id(&mine, L"#cdrom#BitnessView32#"),
       "removed registry recorders are still listed\n");
}

START_TEST(bitness)
{
    char **argv;
    int argc = winetest_get_mainargs(&argv);
    HRESULT hr;

    if (argc >= 2 && !strcmp(argv[1], "list"))
    {
        child_list();
        return;
    }
    hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    ok(hr == S_OK, "CoInitializeEx returned %08lx\n", hr);
    test_both_views();
    CoUninitialize();
}
