/* imapi2.dll classes; the exports are in dlls/common/dllmain.c. */
#include "imapi2_private.h"

IMAPI_DEFAULT_DEBUG_CHANNEL(imapi2);

const struct imapi_class imapi_classes[] =
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

const unsigned imapi_class_count = ARRAY_SIZE(imapi_classes);
const GUID *const imapi_libid = &LIBID_IMAPI2;
