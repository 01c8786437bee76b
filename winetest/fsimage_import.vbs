' Adding a session to a disc through IDispatch the documented way (spec 5, "App flow"):
' burn a first session; then a new MsftFileSystemImage takes the data writer's
' MultisessionInterfaces, ImportFileSystem() reads the last session's tree, the script
' removes one imported file, adds a folder (one of its files replaces an imported one)
' and burns the second session. A third image imports that session: old and new files
' are there, the removed one is not, and the replaced one has its new size.
'
' The recorder: a private copy of the setup's blank CD-R, as burn_data.vbs makes it
' (%IMAPI_TEST_TMP_WIN%\VbsImpCDR, listed in IMAPI_VDRIVE_DIRS of a child run).
Option Explicit

Const TestName = "fsimage_import.vbs"
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
    dst = tmp & "\VbsImpCDR"
    fso.CreateFolder dst
    For Each f In fso.GetFolder(src).Files
        If f.Name <> "sgio-node" Then fso.CopyFile f.Path, dst & "\" & f.Name
    Next
    dirs = env("IMAPI_VDRIVE_DIRS")
    If dirs <> "" Then dirs = dirs & ";"
    out = tmp & "\fsimage_import_child.txt"
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

' the folders of the two sessions
Dim folder1, folder2, ts, i
folder1 = tmp & "\vbs-import-1"
folder2 = tmp & "\vbs-import-2"
fso.CreateFolder folder1
fso.CreateFolder folder1 & "\docs"
fso.CreateFolder folder2
Set ts = fso.CreateTextFile(folder1 & "\hello.txt", True)
ts.WriteLine "first session"
ts.Close
Set ts = fso.CreateTextFile(folder1 & "\docs\numbers.txt", True)
For i = 1 To 20000
    ts.WriteLine "line " & i
Next
ts.Close
Set ts = fso.CreateTextFile(folder1 & "\old.txt", True)
ts.WriteLine "removed in the second session"
ts.Close
Set ts = fso.CreateTextFile(folder1 & "\replace.txt", True)
ts.WriteLine "1"
ts.Close
Set ts = fso.CreateTextFile(folder2 & "\new.txt", True)
ts.WriteLine "second session"
ts.Close
Set ts = fso.CreateTextFile(folder2 & "\replace.txt", True)
ts.WriteLine "version two"
ts.Close

Dim master, recorder, index, uniqueId
Set master = CreateObject("IMAPI2.MsftDiscMaster2")
index = -1
For i = 0 To master.Count - 1
    uniqueId = master.Item(i)
    If InStr(1, uniqueId, "#cdrom#VbsImpCDR#", vbTextCompare) > 0 Then index = i
Next
ok index >= 0, "the copy VbsImpCDR is not listed by MsftDiscMaster2"
If index < 0 Then finish
Set recorder = CreateObject("IMAPI2.MsftDiscRecorder2")
recorder.InitializeDiscRecorder master.Item(index)
Dim dataWriter
Set dataWriter = CreateObject("IMAPI2.MsftDiscFormat2Data")
dataWriter.Recorder = recorder
dataWriter.ClientName = TestName

' session 1
Dim fsi, result, blocks1, blocks2, nwa
Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
fsi.ChooseImageDefaultsForMediaType dataWriter.CurrentPhysicalMediaType
fsi.VolumeName = "VBS1"
fsi.Root.AddTree folder1, False
Set result = fsi.CreateResultImage()
blocks1 = result.TotalBlocks
On Error Resume Next
dataWriter.Write result.ImageStream
ok Err.Number = 0, "Write of session 1 failed: " & Hex8(Err.Number) & " " & Err.Description
On Error GoTo 0
ok Not dataWriter.MediaHeuristicallyBlank, "the disc is blank after session 1"

' session 2, the documented flow
nwa = dataWriter.NextWritableAddress
Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
fsi.MultisessionInterfaces = dataWriter.MultisessionInterfaces
Dim imported
On Error Resume Next
imported = fsi.ImportFileSystem()
ok Err.Number = 0, "ImportFileSystem failed: " & Hex8(Err.Number) & " " & Err.Description
On Error GoTo 0
ok imported = 2, "ImportFileSystem returned " & imported & ", want 2 (Joliet)"
ok fsi.ImportedVolumeName = "VBS1", "ImportedVolumeName " & fsi.ImportedVolumeName
ok fsi.SessionStartBlock = nwa, "SessionStartBlock " & fsi.SessionStartBlock & ", NWA " & nwa
ok fsi.FileCount = 4, "FileCount after the import " & fsi.FileCount
fsi.Root.Remove "old.txt"
fsi.Root.AddTree folder2, False
fsi.VolumeName = "VBS2"
Set result = fsi.CreateResultImage()
blocks2 = result.TotalBlocks
ok blocks2 < 60, "session 2 has " & blocks2 & " blocks (the imported numbers.txt must not be copied)"
On Error Resume Next
dataWriter.Write result.ImageStream
ok Err.Number = 0, "Write of session 2 failed: " & Hex8(Err.Number) & " " & Err.Description
On Error GoTo 0
ok dataWriter.StartAddressOfPreviousSession = nwa, "StartAddressOfPreviousSession " & dataWriter.StartAddressOfPreviousSession

' what the disc's last session holds now
Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
fsi.MultisessionInterfaces = dataWriter.MultisessionInterfaces
imported = fsi.ImportFileSystem()
ok fsi.ImportedVolumeName = "VBS2", "ImportedVolumeName of session 2 " & fsi.ImportedVolumeName
ok fsi.Exists("\hello.txt") = 2, "hello.txt (session 1) is missing"
ok fsi.Exists("\docs\numbers.txt") = 2, "docs\numbers.txt (session 1) is missing"
ok fsi.Exists("\new.txt") = 2, "new.txt (session 2) is missing"
ok fsi.Exists("\old.txt") = 0, "old.txt was removed but is there"
ok fsi.Root.Item("replace.txt").DataSize = 13, "replace.txt has " & fsi.Root.Item("replace.txt").DataSize & " bytes, want 13"
ok fsi.Root.Item("docs").Item("numbers.txt").DataSize = fso.GetFile(folder1 & "\docs\numbers.txt").Size, "numbers.txt size"
ok fsi.FileCount = 4, "FileCount of session 2 " & fsi.FileCount

finish
