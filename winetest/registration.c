/* DllUnregisterServer / DllRegisterServer of both DLLs (keys and type library gone,
 * then back), and the trace channel: WINEDEBUG switches our traces the Wine way. */
#include <initguid.h>
#include "test.h"
#include "imapi2.h"
#include "imapi2fs.h"

static BOOL key_exists(const WCHAR *path)
{
    HKEY key;
    if (RegOpenKeyExW(HKEY_CLASSES_ROOT, path, 0, KEY_READ, &key)) return FALSE;
    RegCloseKey(key);
    return TRUE;
}

static void test_dll_registration(const WCHAR *dll, const CLSID *clsid, const WCHAR *progid, const GUID *libid)
{
    HRESULT (WINAPI *reg)(void), (WINAPI *unreg)(void);
    WCHAR clsid_key[64], typelib_key[96], str[39];
    HMODULE mod = LoadLibraryW(dll);
    ITypeLib *tl;
    HRESULT hr;

    ok(mod != NULL, "cannot load %ls\n", dll);
    if (!mod) return;
    reg = (void *)GetProcAddress(mod, "DllRegisterServer");
    unreg = (void *)GetProcAddress(mod, "DllUnregisterServer");
    ok(reg && unreg, "%ls lacks the registration exports\n", dll);
    if (!reg || !unreg) return;
    StringFromGUID2(clsid, str, 39);
    swprintf(clsid_key, ARRAYSIZE(clsid_key), L"CLSID\\%ls", str);
    StringFromGUID2(libid, str, 39);
    swprintf(typelib_key, ARRAYSIZE(typelib_key), L"TypeLib\\%ls\\1.0\\0\\%ls", str,
             sizeof(void *) == 8 ? L"win64" : L"win32");

    ok(key_exists(clsid_key) && key_exists(progid), "%ls not registered before the test\n", dll);
    hr = unreg();
    ok(hr == S_OK, "%ls: DllUnregisterServer returned %08lx\n", dll, hr);
    ok(!key_exists(clsid_key), "%ls: CLSID key left behind\n", dll);
    ok(!key_exists(progid), "%ls: ProgID key left behind\n", dll);
    /* Only this bitness's type library entry goes: a prefix (or Windows) that also holds
     * the other bitness keeps its win32/win64 entry, and LoadRegTypeLib may fall back to it. */
    ok(!key_exists(typelib_key), "%ls: type library entry %ls still registered\n", dll, typelib_key);

    hr = reg();
    ok(hr == S_OK, "%ls: DllRegisterServer returned %08lx\n", dll, hr);
    ok(key_exists(clsid_key) && key_exists(progid), "%ls: keys not back\n", dll);
    ok(key_exists(typelib_key), "%ls: type library entry %ls not back\n", dll, typelib_key);
    hr = LoadRegTypeLib(libid, 1, 0, LOCALE_NEUTRAL, &tl);
    ok(hr == S_OK, "%ls: type library not registered: %08lx\n", dll, hr);
    if (SUCCEEDED(hr)) ITypeLib_Release(tl);
    /* Registering twice is harmless. */
    ok(reg() == S_OK, "%ls: second DllRegisterServer failed\n", dll);
}

/* Child: create an object and call one implemented member and one that logs a FIXME
 * (ExtendedSeed: not implemented, as documented for Windows). */
static void child(void)
{
    IStreamPseudoRandomBased *prng;
    ULONG seed = 0;
    CoInitialize(NULL);
    if (SUCCEEDED(CoCreateInstance(&CLSID_MsftStreamPrng001, NULL, CLSCTX_INPROC_SERVER,
                                   &IID_IStreamPseudoRandomBased, (void **)&prng)))
    {
        IStreamPseudoRandomBased_get_Seed(prng, &seed);
        IStreamPseudoRandomBased_put_ExtendedSeed(prng, &seed, 1);   /* FIXME */
        IStreamPseudoRandomBased_Release(prng);
    }
    CoUninitialize();
}

/* Run ourselves with WINEDEBUG=value and return what the child wrote to stderr. */
static char *run_child(const char *winedebug)
{
    static char out[65536];
    char cmd[MAX_PATH + 32], exe[MAX_PATH];
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    HANDLE rd, wr;
    DWORD got, total = 0;

    GetModuleFileNameA(NULL, exe, sizeof(exe));
    snprintf(cmd, sizeof(cmd), "\"%s\" child", exe);
    CreatePipe(&rd, &wr, &sa, 0);
    SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = wr;
    si.hStdError = wr;
    if (winedebug) SetEnvironmentVariableA("WINEDEBUG", winedebug);
    else SetEnvironmentVariableA("WINEDEBUG", NULL);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi), "CreateProcess failed\n");
    CloseHandle(wr);
    while (total < sizeof(out) - 1 && ReadFile(rd, out + total, sizeof(out) - 1 - total, &got, NULL) && got)
        total += got;
    out[total] = 0;
    CloseHandle(rd);
    WaitForSingleObject(pi.hProcess, 30000);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return out;
}

static void test_trace_channel(void)
{
    char *out;

    out = run_child("trace+imapi2");
    ok(strstr(out, ":trace:imapi2:") != NULL, "no trace with trace+imapi2:\n%.300s\n", out);
    ok(strstr(out, "fixme:imapi2:stream_prng_put_ExtendedSeed") != NULL, "no fixme for the stub:\n%.300s\n", out);

    out = run_child("-all");
    ok(!strstr(out, ":imapi2:"), "-all still printed:\n%.300s\n", out);

    out = run_child("fixme-imapi2");
    ok(!strstr(out, "fixme:imapi2:"), "fixme-imapi2 still printed fixmes\n");

    out = run_child(NULL);
    ok(strstr(out, "fixme:imapi2:") != NULL, "fixmes are on by default\n");
    ok(!strstr(out, ":trace:imapi2:"), "traces are off by default\n");

    out = run_child("+imapi2fs");
    ok(!strstr(out, ":trace:imapi2:"), "+imapi2fs enabled imapi2 traces\n");
    SetEnvironmentVariableA("WINEDEBUG", "-all");
}

START_TEST(registration)
{
    char **argv;
    if (winetest_get_mainargs(&argv) >= 2 && !strcmp(argv[1], "child"))
    {
        child();
        ExitProcess(0);
    }
    CoInitialize(NULL);
    test_dll_registration(L"imapi2.dll", &CLSID_MsftDiscMaster2, L"IMAPI2.MsftDiscMaster2", &LIBID_IMAPI2);
    test_dll_registration(L"imapi2fs.dll", &CLSID_MsftFileSystemImage, L"IMAPI2FS.MsftFileSystemImage",
                          &LIBID_IMAPI2FS);
    CoUninitialize();
    test_trace_channel();
}
