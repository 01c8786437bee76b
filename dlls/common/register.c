/* DllRegisterServer / DllUnregisterServer: CLSID keys with InprocServer32, ProgIDs
 * (versioned and version-independent) and the embedded type library.
 * ThreadingModel is "Both" [undoc choice]: our objects use interlocked reference
 * counts and fire events on the calling thread, so callers in either apartment get
 * direct pointers, and the non-automation IDiscRecorder2Ex never needs marshaling. */
#include <stdio.h>
#include "imapi_com.h"

static LONG set_value(HKEY root, const WCHAR *subkey, const WCHAR *name, const WCHAR *value)
{
    HKEY key;
    LONG err = RegCreateKeyExW(root, subkey, 0, NULL, 0, KEY_WRITE, NULL, &key, NULL);
    if (err) return err;
    err = RegSetValueExW(key, name, 0, REG_SZ, (const BYTE *)value, (lstrlenW(value) + 1) * sizeof(WCHAR));
    RegCloseKey(key);
    return err;
}

static void guid_string(const GUID *g, WCHAR *buf)
{
    StringFromGUID2(g, buf, 39);
}

static HRESULT register_class(const struct imapi_class *c, const WCHAR *dll_path, const WCHAR *libid)
{
    WCHAR clsid[39], key[128], progid1[128];
    LONG err = 0;

    guid_string(c->clsid, clsid);
    swprintf(key, ARRAY_SIZE(key), L"CLSID\\%ls", clsid);
    err |= set_value(HKEY_CLASSES_ROOT, key, NULL, c->name);
    swprintf(key, ARRAY_SIZE(key), L"CLSID\\%ls\\InprocServer32", clsid);
    err |= set_value(HKEY_CLASSES_ROOT, key, NULL, dll_path);
    err |= set_value(HKEY_CLASSES_ROOT, key, L"ThreadingModel", L"Both");
    swprintf(key, ARRAY_SIZE(key), L"CLSID\\%ls\\TypeLib", clsid);
    err |= set_value(HKEY_CLASSES_ROOT, key, NULL, libid);
    swprintf(key, ARRAY_SIZE(key), L"CLSID\\%ls\\Version", clsid);
    err |= set_value(HKEY_CLASSES_ROOT, key, NULL, L"1.0");
    if (c->progid)
    {
        swprintf(progid1, ARRAY_SIZE(progid1), L"%ls.1", c->progid);
        swprintf(key, ARRAY_SIZE(key), L"CLSID\\%ls\\ProgID", clsid);
        err |= set_value(HKEY_CLASSES_ROOT, key, NULL, progid1);
        swprintf(key, ARRAY_SIZE(key), L"CLSID\\%ls\\VersionIndependentProgID", clsid);
        err |= set_value(HKEY_CLASSES_ROOT, key, NULL, c->progid);

        err |= set_value(HKEY_CLASSES_ROOT, progid1, NULL, c->name);
        swprintf(key, ARRAY_SIZE(key), L"%ls\\CLSID", progid1);
        err |= set_value(HKEY_CLASSES_ROOT, key, NULL, clsid);

        err |= set_value(HKEY_CLASSES_ROOT, c->progid, NULL, c->name);
        swprintf(key, ARRAY_SIZE(key), L"%ls\\CLSID", c->progid);
        err |= set_value(HKEY_CLASSES_ROOT, key, NULL, clsid);
        swprintf(key, ARRAY_SIZE(key), L"%ls\\CurVer", c->progid);
        err |= set_value(HKEY_CLASSES_ROOT, key, NULL, progid1);
    }
    return err ? SELFREG_E_CLASS : S_OK;
}

HRESULT imapi_register(const struct imapi_class *classes, unsigned count)
{
    WCHAR path[MAX_PATH], libid_str[39];
    ITypeLib *lib;
    TLIBATTR *attr;
    unsigned i;
    HRESULT hr;

    if (!GetModuleFileNameW(imapi_module, path, ARRAY_SIZE(path))) return SELFREG_E_CLASS;
    hr = LoadTypeLibEx(path, REGKIND_REGISTER, &lib);
    if (FAILED(hr))
    {
        ERR("type library registration failed: %08lx\n", (unsigned long)hr);
        return SELFREG_E_TYPELIB;
    }
    if (FAILED(hr = ITypeLib_GetLibAttr(lib, &attr)))
    {
        ITypeLib_Release(lib);
        return SELFREG_E_TYPELIB;
    }
    guid_string(&attr->guid, libid_str);
    ITypeLib_ReleaseTLibAttr(lib, attr);
    ITypeLib_Release(lib);

    for (i = 0; i < count; i++)
        if (FAILED(hr = register_class(&classes[i], path, libid_str))) return hr;
    return S_OK;
}

HRESULT imapi_unregister(const struct imapi_class *classes, unsigned count, REFGUID libid)
{
    WCHAR clsid[39], key[128];
    unsigned i;
    HRESULT hr = S_OK;

    for (i = 0; i < count; i++)
    {
        guid_string(classes[i].clsid, clsid);
        swprintf(key, ARRAY_SIZE(key), L"CLSID\\%ls", clsid);
        RegDeleteTreeW(HKEY_CLASSES_ROOT, key);
        if (classes[i].progid)
        {
            swprintf(key, ARRAY_SIZE(key), L"%ls.1", classes[i].progid);
            RegDeleteTreeW(HKEY_CLASSES_ROOT, key);
            RegDeleteTreeW(HKEY_CLASSES_ROOT, classes[i].progid);
        }
    }
#ifdef _WIN64
    if (FAILED(UnRegisterTypeLib(libid, 1, 0, LOCALE_NEUTRAL, SYS_WIN64))) hr = SELFREG_E_TYPELIB;
#else
    if (FAILED(UnRegisterTypeLib(libid, 1, 0, LOCALE_NEUTRAL, SYS_WIN32))) hr = SELFREG_E_TYPELIB;
#endif
    return hr;
}
