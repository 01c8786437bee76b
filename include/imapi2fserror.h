/* imapi2fserror.h: HRESULTs of imapi2fs.dll (facility FACILITY_IMAPI2 = 0xAA).
 * Values from the IMAPI2 ABI reference; this file is their only definition in the project.
 * Plain C, usable without windows.h so that the portable core can name them. */
#ifndef IMAPI2FSERROR_H
#define IMAPI2FSERROR_H

/* int32_t rather than HRESULT so that the portable core, which has no windows.h,
 * can use these too; HRESULT is a signed 32-bit type, so values compare equal. */
#include <stdint.h>
#ifndef IMAPI_HRESULT_
#define IMAPI_HRESULT_(sc) ((int32_t)(sc))
#endif

#ifndef FACILITY_IMAPI2
#define FACILITY_IMAPI2 0xAA
#endif

#define IMAPI_E_FSI_INTERNAL_ERROR                                   IMAPI_HRESULT_(0xC0AAB100L)
#define IMAPI_E_INVALID_PARAM                                        IMAPI_HRESULT_(0xC0AAB101L)
#define IMAPI_E_READONLY                                             IMAPI_HRESULT_(0xC0AAB102L)
#define IMAPI_E_NO_OUTPUT                                            IMAPI_HRESULT_(0xC0AAB103L)
#define IMAPI_E_INVALID_VOLUME_NAME                                  IMAPI_HRESULT_(0xC0AAB104L)
#define IMAPI_E_INVALID_DATE                                         IMAPI_HRESULT_(0xC0AAB105L)
#define IMAPI_E_FILE_SYSTEM_NOT_EMPTY                                IMAPI_HRESULT_(0xC0AAB106L)
#define IMAPI_E_NOT_FILE                                             IMAPI_HRESULT_(0xC0AAB108L)
#define IMAPI_E_NOT_DIR                                              IMAPI_HRESULT_(0xC0AAB109L)
#define IMAPI_E_DIR_NOT_EMPTY                                        IMAPI_HRESULT_(0xC0AAB10AL)
#define IMAPI_E_NOT_IN_FILE_SYSTEM                                   IMAPI_HRESULT_(0xC0AAB10BL)
#define IMAPI_E_INVALID_PATH                                         IMAPI_HRESULT_(0xC0AAB110L)
#define IMAPI_E_RESTRICTED_NAME_VIOLATION                            IMAPI_HRESULT_(0xC0AAB111L)
#define IMAPI_E_DUP_NAME                                             IMAPI_HRESULT_(0xC0AAB112L)
#define IMAPI_E_NO_UNIQUE_NAME                                       IMAPI_HRESULT_(0xC0AAB113L)
#define IMAPI_E_ITEM_NOT_FOUND                                       IMAPI_HRESULT_(0xC0AAB118L)
#define IMAPI_E_FILE_NOT_FOUND                                       IMAPI_HRESULT_(0xC0AAB119L)
#define IMAPI_E_DIR_NOT_FOUND                                        IMAPI_HRESULT_(0xC0AAB11AL)
#define IMAPI_E_IMAGE_SIZE_LIMIT                                     IMAPI_HRESULT_(0xC0AAB120L)
#define IMAPI_E_IMAGE_TOO_BIG                                        IMAPI_HRESULT_(0xC0AAB121L)
#define IMAPI_E_DATA_STREAM_INCONSISTENCY                            IMAPI_HRESULT_(0xC0AAB128L)
#define IMAPI_E_DATA_STREAM_READ_FAILURE                             IMAPI_HRESULT_(0xC0AAB129L)
#define IMAPI_E_DATA_STREAM_CREATE_FAILURE                           IMAPI_HRESULT_(0xC0AAB12AL)
#define IMAPI_E_DIRECTORY_READ_FAILURE                               IMAPI_HRESULT_(0xC0AAB12BL)
#define IMAPI_E_TOO_MANY_DIRS                                        IMAPI_HRESULT_(0xC0AAB130L)
#define IMAPI_E_ISO9660_LEVELS                                       IMAPI_HRESULT_(0xC0AAB131L)
#define IMAPI_E_DATA_TOO_BIG                                         IMAPI_HRESULT_(0xC0AAB132L)
#define IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION                        IMAPI_HRESULT_(0xC0AAB133L)
#define IMAPI_E_STASHFILE_OPEN_FAILURE                               IMAPI_HRESULT_(0xC0AAB138L)
#define IMAPI_E_STASHFILE_SEEK_FAILURE                               IMAPI_HRESULT_(0xC0AAB139L)
#define IMAPI_E_STASHFILE_WRITE_FAILURE                              IMAPI_HRESULT_(0xC0AAB13AL)
#define IMAPI_E_STASHFILE_READ_FAILURE                               IMAPI_HRESULT_(0xC0AAB13BL)
#define IMAPI_E_INVALID_WORKING_DIRECTORY                            IMAPI_HRESULT_(0xC0AAB140L)
#define IMAPI_E_WORKING_DIRECTORY_SPACE                              IMAPI_HRESULT_(0xC0AAB141L)
#define IMAPI_E_STASHFILE_MOVE                                       IMAPI_HRESULT_(0xC0AAB142L)
#define IMAPI_E_BOOT_IMAGE_DATA                                      IMAPI_HRESULT_(0xC0AAB148L)
#define IMAPI_E_BOOT_OBJECT_CONFLICT                                 IMAPI_HRESULT_(0xC0AAB149L)
#define IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH                   IMAPI_HRESULT_(0xC0AAB14AL)
#define IMAPI_E_EMPTY_DISC                                           IMAPI_HRESULT_(0xC0AAB150L)
#define IMAPI_E_NO_SUPPORTED_FILE_SYSTEM                             IMAPI_HRESULT_(0xC0AAB151L)
#define IMAPI_E_FILE_SYSTEM_NOT_FOUND                                IMAPI_HRESULT_(0xC0AAB152L)
#define IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR                   IMAPI_HRESULT_(0xC0AAB153L)
#define IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED                    IMAPI_HRESULT_(0xC0AAB154L)
#define IMAPI_E_IMPORT_TYPE_COLLISION_FILE_EXISTS_AS_DIRECTORY       IMAPI_HRESULT_(0xC0AAB155L)
#define IMAPI_E_IMPORT_SEEK_FAILURE                                  IMAPI_HRESULT_(0xC0AAB156L)
#define IMAPI_E_IMPORT_READ_FAILURE                                  IMAPI_HRESULT_(0xC0AAB157L)
#define IMAPI_E_DISC_MISMATCH                                        IMAPI_HRESULT_(0xC0AAB158L)
#define IMAPI_E_IMPORT_MEDIA_NOT_ALLOWED                             IMAPI_HRESULT_(0xC0AAB159L)
#define IMAPI_E_UDF_NOT_WRITE_COMPATIBLE                             IMAPI_HRESULT_(0xC0AAB15AL)
#define IMAPI_E_INCOMPATIBLE_MULTISESSION_TYPE                       IMAPI_HRESULT_(0xC0AAB15BL)
#define IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE                      IMAPI_HRESULT_(0xC0AAB15CL)
#define IMAPI_E_MULTISESSION_NOT_SET                                 IMAPI_HRESULT_(0xC0AAB15DL)
#define IMAPI_E_IMPORT_TYPE_COLLISION_DIRECTORY_EXISTS_AS_FILE       IMAPI_HRESULT_(0xC0AAB15EL)
#define IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED                          IMAPI_HRESULT_(0x00AAB15FL)
#define IMAPI_E_PROPERTY_NOT_ACCESSIBLE                              IMAPI_HRESULT_(0xC0AAB160L)
#define IMAPI_E_UDF_REVISION_CHANGE_NOT_ALLOWED                      IMAPI_HRESULT_(0xC0AAB161L)
#define IMAPI_E_BAD_MULTISESSION_PARAMETER                           IMAPI_HRESULT_(0xC0AAB162L)
#define IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED                       IMAPI_HRESULT_(0xC0AAB163L)
#define IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED                       IMAPI_HRESULT_(0xC0AAB200L)
#define IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND                       IMAPI_HRESULT_(0xC0AAB201L)
#define IMAPI_E_IMAGEMANAGER_NO_IMAGE                                IMAPI_HRESULT_(0xC0AAB202L)
#define IMAPI_E_IMAGEMANAGER_IMAGE_TOO_BIG                           IMAPI_HRESULT_(0xC0AAB203L)

#endif /* IMAPI2FSERROR_H */
