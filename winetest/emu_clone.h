/* A private copy of one of the emulated recorders of winetest/setup-recorders.sh, for tests
 * that change a disc for good (write-once media, reserved tracks, burns): the files of
 * %IMAPI_TEST_RECORDERS_WIN%\<source> are copied to %IMAPI_TEST_TMP_WIN%\<name>, which is
 * added to IMAPI_VDRIVE_DIRS of this process (and so of the children it starts). The
 * shared recorders, which later test programs of the same run see, stay as they were.
 * Needs test.h, imapi2.h. Included once per test program. */
#ifndef IMAPI_WINETEST_EMU_CLONE_H
#define IMAPI_WINETEST_EMU_CLONE_H

/* The unique ID of the emulated recorder named <name> (its directory's last component:
 * \\?\imapi2emu#cdrom#<name>#{...}) and its index in IDiscMaster2, or NULL. */
static inline BSTR emu_find_id(const WCHAR *name, LONG *index)
{
    IDiscMaster2 *master = NULL;
    WCHAR needle[80];
    LONG count = 0, i;
    BSTR found = NULL;

    if (index) *index = -1;
    swprintf(needle, ARRAYSIZE(needle), L"#cdrom#%ls#", name);
    if (FAILED(CoCreateInstance(&CLSID_MsftDiscMaster2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscMaster2,
                                (void **)&master)))
        return NULL;
    IDiscMaster2_get_Count(master, &count);
    for (i = 0; i < count && !found; i++)
    {
        BSTR item = NULL;
        if (IDiscMaster2_get_Item(master, i, &item) == S_OK && item && wcsstr(item, needle))
        {
            found = item;
            if (index) *index = i;
        }
        else SysFreeString(item);
    }
    IDiscMaster2_Release(master);
    return found;
}

/* A MsftDiscRecorder2 initialized on id, or NULL (reported with ok). */
static inline IDiscRecorder2 *emu_open_id(BSTR id)
{
    IDiscRecorder2 *r = NULL;
    HRESULT hr;

    if (!id) return NULL;
    hr = CoCreateInstance(&CLSID_MsftDiscRecorder2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscRecorder2, (void **)&r);
    ok(hr == S_OK, "CoCreateInstance(MsftDiscRecorder2) %08lx\n", hr);
    if (FAILED(hr)) return NULL;
    hr = IDiscRecorder2_InitializeDiscRecorder(r, id);
    ok(hr == S_OK, "InitializeDiscRecorder(%s) %08lx\n", wine_dbgstr_w(id), hr);
    if (FAILED(hr))
    {
        IDiscRecorder2_Release(r);
        return NULL;
    }
    return r;
}

/* The emulated recorder named <name>, initialized, or NULL (skipped when not listed). */
static inline IDiscRecorder2 *emu_open_named(const WCHAR *name)
{
    BSTR id = emu_find_id(name, NULL);
    IDiscRecorder2 *r;

    if (!id)
    {
        skip("no emulated recorder %s (not started by run-wine.sh)\n", wine_dbgstr_w(name));
        return NULL;
    }
    r = emu_open_id(id);
    SysFreeString(id);
    return r;
}

/* Copies the recorder and returns its unique ID (from IDiscMaster2) and index, or FALSE
 * (with the reason reported by ok/skip). Call from a thread with COM initialized. */
static BOOL emu_clone(const char *source, const char *name, BSTR *id, LONG *index)
{
    char src[MAX_PATH], dst[MAX_PATH], pattern[MAX_PATH], from[MAX_PATH], to[MAX_PATH], *dirs;
    WCHAR wname[64];
    WIN32_FIND_DATAA fd;
    HANDLE find;
    DWORD len;

    *id = NULL;
    *index = -1;
    if (!GetEnvironmentVariableA("IMAPI_TEST_RECORDERS_WIN", src, sizeof(src))
        || !GetEnvironmentVariableA("IMAPI_TEST_TMP_WIN", dst, sizeof(dst)))
    {
        skip("IMAPI_TEST_RECORDERS_WIN / IMAPI_TEST_TMP_WIN not set (not started by run-wine.sh)\n");
        return FALSE;
    }
    lstrcatA(src, "\\");
    lstrcatA(src, source);
    lstrcatA(dst, "\\");
    lstrcatA(dst, name);
    ok(CreateDirectoryA(dst, NULL), "cannot create %s: error %lu\n", dst, GetLastError());
    snprintf(pattern, sizeof(pattern), "%s\\*", src);
    if ((find = FindFirstFileA(pattern, &fd)) == INVALID_HANDLE_VALUE)
    {
        ok(0, "no recorder in %s\n", src);
        return FALSE;
    }
    do
    {
        /* sgio-node belongs to the pass-through route of the original */
        if ((fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || !strcmp(fd.cFileName, "sgio-node")) continue;
        snprintf(from, sizeof(from), "%s\\%s", src, fd.cFileName);
        snprintf(to, sizeof(to), "%s\\%s", dst, fd.cFileName);
        ok(CopyFileA(from, to, TRUE), "copying %s failed: error %lu\n", from, GetLastError());
    } while (FindNextFileA(find, &fd));
    FindClose(find);

    len = GetEnvironmentVariableA("IMAPI_VDRIVE_DIRS", NULL, 0);
    dirs = calloc(1, len + strlen(dst) + 2);
    if (len) GetEnvironmentVariableA("IMAPI_VDRIVE_DIRS", dirs, len);
    if (*dirs) lstrcatA(dirs, ";");
    lstrcatA(dirs, dst);
    SetEnvironmentVariableA("IMAPI_VDRIVE_DIRS", dirs);
    free(dirs);

    MultiByteToWideChar(CP_ACP, 0, name, -1, wname, ARRAYSIZE(wname));
    *id = emu_find_id(wname, index);
    ok(*id != NULL, "the copy %s of %s is not listed\n", name, source);
    return *id != NULL;
}

#endif
