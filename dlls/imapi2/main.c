/* imapi2.dll entry points: class objects, registration, unloading. */
#include "imapi2_private.h"

IMAPI_DEFAULT_DEBUG_CHANNEL(imapi2);

static const struct imapi_class classes[] =
{
    { &CLSID_MsftDiscMaster2, L"MsftDiscMaster2", L"IMAPI2.MsftDiscMaster2", discmaster_create },
    { &CLSID_MsftDiscRecorder2, L"MsftDiscRecorder2", L"IMAPI2.MsftDiscRecorder2", recorder_create },
    { &CLSID_MsftWriteEngine2, L"MsftWriteEngine2", L"IMAPI2.MsftWriteEngine2", write_engine_create },
    { &CLSID_MsftDiscFormat2Erase, L"MsftDiscFormat2Erase", L"IMAPI2.MsftDiscFormat2Erase", format_erase_create },
    { &CLSID_MsftDiscFormat2Data, L"MsftDiscFormat2Data", L"IMAPI2.MsftDiscFormat2Data", format_data_create },
    { &CLSID_MsftDiscFormat2TrackAtOnce, L"MsftDiscFormat2TrackAtOnce", L"IMAPI2.MsftDiscFormat2TrackAtOnce",
      format_tao_create },
    { &CLSID_MsftDiscFormat2RawCD, L"MsftDiscFormat2RawCD", L"IMAPI2.MsftDiscFormat2RawCD", format_raw_create },
    { &CLSID_MsftStreamZero, L"MsftStreamZero", L"IMAPI2.MsftStreamZero", stream_zero_create },
    { &CLSID_MsftStreamPrng001, L"MsftStreamPrng001", L"IMAPI2.MsftStreamPrng001", stream_prng_create },
    { &CLSID_MsftStreamConcatenate, L"MsftStreamConcatenate", L"IMAPI2.MsftStreamConcatenate",
      stream_concat_create },
    { &CLSID_MsftStreamInterleave, L"MsftStreamInterleave", L"IMAPI2.MsftStreamInterleave",
      stream_interleave_create },
    { &CLSID_MsftRawCDImageCreator, L"MsftRawCDImageCreator", L"IMAPI2.MsftRawCDImageCreator",
      raw_image_create },
};

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        imapi_module = instance;
        DisableThreadLibraryCalls(instance);
        break;
    case DLL_PROCESS_DETACH:
        if (reserved) break;
        imapi_typelib_release();
        break;
    }
    return TRUE;
}

HRESULT WINAPI DllGetClassObject(REFCLSID clsid, REFIID riid, void **ppv)
{
    return imapi_get_class_object(classes, ARRAY_SIZE(classes), clsid, riid, ppv);
}

HRESULT WINAPI DllCanUnloadNow(void)
{
    return imapi_can_unload();
}

HRESULT WINAPI DllRegisterServer(void)
{
    return imapi_register(classes, ARRAY_SIZE(classes));
}

HRESULT WINAPI DllUnregisterServer(void)
{
    return imapi_unregister(classes, ARRAY_SIZE(classes), &LIBID_IMAPI2);
}
