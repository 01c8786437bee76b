' Burning a folder through IDispatch the documented way (the "Burning a disc" and
' "Checking media support" samples): MsftDiscMaster2 -> Item(i) -> MsftDiscRecorder2
' InitializeDiscRecorder -> MsftDiscFormat2Data (Recorder, ClientName) -> IsCurrentMediaSupported,
' CurrentMediaStatus And &HFC00, FreeSectorsOnMedia -> MsftFileSystemImage (defaults for the
' media, Root.AddTree, CreateResultImage, ImageStream) -> dataWriter.Write(stream).
'
' The recorder: a private copy of the setup's blank CD-R (BlankCDR is write-once and later
' test programs expect it blank), made as winetest/emu_clone.h does: its files copied to
' %IMAPI_TEST_TMP_WIN%\VbsCDR, listed in IMAPI_VDRIVE_DIRS of a child run of this script.
' ChooseImageDefaults(recorder) is still a stub of imapi2fs, so the image takes
' ChooseImageDefaultsForMediaType(dataWriter.CurrentPhysicalMediaType), as the samples
' for older systems do.
Option Explicit

Const TestName = "burn_data.vbs"
Const IMAPI_MEDIA_TYPE_CDR = 2
Const IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK = 2, IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE = 4
Dim nTests, nFailures, nSkipped
nTests = 0 : nFailures = 0 : nSkipped = 0

Sub ok(cond, msg)
    nTests = nTests + 1
    If Not cond Then
        nFailures = nFailures + 1
        WScript.Echo TestName & ": Test failed: " & msg
    End If
End Sub

Sub skip(msg)
    nSkipped = nSkipped + 1
    WScript.Echo TestName & ": Tests skipped: " & msg
End Sub

Sub finish()
    WScript.Echo TestName & ": " & nTests & " tests executed (0 marked as todo, " & _
        nFailures & " failures), " & nSkipped & " skipped."
    If nFailures > 255 Then WScript.Quit 255
    WScript.Quit nFailures
End Sub

Function Hex8(n)
    Hex8 = "0x" & Right("00000000" & Hex(n), 8)
End Function

Dim sh, fso, env, recorders, tmp, src, dst, f, dirs
Set sh = CreateObject("WScript.Shell")
Set fso = CreateObject("Scripting.FileSystemObject")
Set env = sh.Environment("PROCESS")
recorders = env("IMAPI_TEST_RECORDERS_WIN")
tmp = env("IMAPI_TEST_TMP_WIN")
If recorders = "" Or tmp = "" Then
    skip "IMAPI_TEST_RECORDERS_WIN / IMAPI_TEST_TMP_WIN not set (not started by run-wine.sh)"
    finish
End If

If WScript.Arguments.Count = 0 Then
    ' Parent: the private recorder, then this script again as a child whose
    ' IMAPI_VDRIVE_DIRS lists it (Wine's WshEnvironment cannot set a variable of its
    ' own process); the child's output, summary line included, is passed on.
    Dim out, cmd, text
    src = recorders & "\BlankCDR"
    dst = tmp & "\VbsCDR"
    fso.CreateFolder dst
    For Each f In fso.GetFolder(src).Files
        If f.Name <> "sgio-node" Then fso.CopyFile f.Path, dst & "\" & f.Name
    Next
    dirs = env("IMAPI_VDRIVE_DIRS")
    If dirs <> "" Then dirs = dirs & ";"
    out = tmp & "\burn_data_child.txt"
    cmd = "cmd /c set ""IMAPI_VDRIVE_DIRS=" & dirs & dst & """ && cscript.exe //nologo """ & _
          WScript.ScriptFullName & """ child > """ & out & """ 2>&1"
    sh.Run cmd, 0, True
    If fso.FileExists(out) Then
        Set f = fso.OpenTextFile(out, 1)
        If Not f.AtEndOfStream Then text = f.ReadAll
        f.Close
        WScript.Echo text
    Else
        WScript.Echo TestName & ": the child script wrote nothing"
    End If
    WScript.Quit 0
End If

' a folder to burn
Dim folder, ts, i
folder = tmp & "\vbs-burn-src"
fso.CreateFolder folder
fso.CreateFolder folder & "\docs"
Set ts = fso.CreateTextFile(folder & "\hello.txt", True)
ts.WriteLine "burned from VBScript through IMAPI2"
ts.Close
Set ts = fso.CreateTextFile(folder & "\docs\numbers.txt", True)
For i = 1 To 5000
    ts.WriteLine "line " & i
Next
ts.Close

' find the recorder the documented way
Dim master, recorder, index, uniqueId
Set master = CreateObject("IMAPI2.MsftDiscMaster2")
ok master.IsSupportedEnvironment, "IsSupportedEnvironment is not True"
index = -1
For i = 0 To master.Count - 1
    uniqueId = master.Item(i)
    If InStr(1, uniqueId, "#cdrom#VbsCDR#", vbTextCompare) > 0 Then index = i
Next
ok index >= 0, "the copy VbsCDR is not listed by MsftDiscMaster2"
If index < 0 Then finish
Set recorder = CreateObject("IMAPI2.MsftDiscRecorder2")
recorder.InitializeDiscRecorder master.Item(index)

' the data writer and the media checks of the "Checking media support" sample
Dim dataWriter, status, freeBefore
Set dataWriter = CreateObject("IMAPI2.MsftDiscFormat2Data")
ok dataWriter.IsRecorderSupported(recorder), "IsRecorderSupported is not True"
ok dataWriter.IsCurrentMediaSupported(recorder), "IsCurrentMediaSupported is not True for a blank CD-R"
dataWriter.Recorder = recorder
dataWriter.ClientName = "burn_data.vbs"
ok dataWriter.ClientName = "burn_data.vbs", "ClientName reads " & dataWriter.ClientName
ok dataWriter.CurrentPhysicalMediaType = IMAPI_MEDIA_TYPE_CDR, "CurrentPhysicalMediaType " & dataWriter.CurrentPhysicalMediaType
status = dataWriter.CurrentMediaStatus
ok 0 = (status And &HFC00), "unsupported media bits in CurrentMediaStatus " & Hex8(status)
ok 0 <> (status And IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK), "blank CD-R is not BLANK: " & Hex8(status)
freeBefore = dataWriter.FreeSectorsOnMedia
ok freeBefore > 300000, "FreeSectorsOnMedia " & freeBefore
ok dataWriter.MediaPhysicallyBlank, "MediaPhysicallyBlank is not True"
Dim speeds
speeds = dataWriter.SupportedWriteSpeeds
ok UBound(speeds) >= 0, "no SupportedWriteSpeeds"

' the image
Dim fsi, result, stream, blocks
Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
fsi.ChooseImageDefaultsForMediaType dataWriter.CurrentPhysicalMediaType
fsi.VolumeName = "VBSBURN"
fsi.Root.AddTree folder, False
Set result = fsi.CreateResultImage()
Set stream = result.ImageStream
blocks = result.TotalBlocks
ok blocks > 16 And blocks < freeBefore, "image of " & blocks & " blocks"

' the burn
On Error Resume Next
dataWriter.Write stream
ok Err.Number = 0, "Write failed: " & Hex8(Err.Number) & " " & Err.Description
On Error GoTo 0

' afterwards: a new session is there, the disc appendable and smaller
status = dataWriter.CurrentMediaStatus
ok 0 <> (status And IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE), "not appendable after the burn: " & Hex8(status)
ok 0 = (status And IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK), "still blank after the burn: " & Hex8(status)
ok dataWriter.NextWritableAddress >= blocks, "NextWritableAddress " & dataWriter.NextWritableAddress & " after " & blocks & " blocks"
ok dataWriter.FreeSectorsOnMedia < freeBefore - blocks, "FreeSectorsOnMedia " & dataWriter.FreeSectorsOnMedia & ", was " & freeBefore
ok dataWriter.StartAddressOfPreviousSession = 0, "StartAddressOfPreviousSession " & dataWriter.StartAddressOfPreviousSession

' the multisession object a second session would use
Dim ms
ms = dataWriter.MultisessionInterfaces
ok UBound(ms) = 0, "MultisessionInterfaces has " & (UBound(ms) + 1) & " elements"
ok ms(0).IsSupportedOnCurrentMediaState, "IsSupportedOnCurrentMediaState is not True"
ok ms(0).NextWritableAddress = dataWriter.NextWritableAddress, "multisession NWA " & ms(0).NextWritableAddress
ok ms(0).WriteUnitSize = 1, "WriteUnitSize " & ms(0).WriteUnitSize

finish
