' Checks that VBScript tests work under Wine's cscript: the runner's
' environment, COM objects created by ProgID, and the summary line and exit
' code convention every winetest/*.vbs follows:
'   "<name>: N tests executed (T marked as todo, F failures), S skipped."
'   WScript.Quit F   (nonzero = failure)
' Wine 8's cscript ignores runtime errors: the script just stops and cscript
' exits 0. The runner then finds no summary line and fails the test, so print
' the summary line last, and use On Error Resume Next + Err.Number around
' calls that may fail to turn an error into a failed check with a message.
Option Explicit

Const TestName = "selftest.vbs"
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

' A COM object by ProgID, used through late binding as scripts use IMAPI2.
Sub test_dictionary()
    Dim d
    Set d = CreateObject("Scripting.Dictionary")
    d.Add "imapi", 2
    ok d.Count = 1, "Count is " & d.Count & ", expected 1"
    ok d.Item("imapi") = 2, "Item(""imapi"") is " & d.Item("imapi")
    ok d.Exists("imapi"), "Exists(""imapi"") is False"
End Sub

' An unknown ProgID must fail with error 429 (ActiveX can't create object).
Sub test_unknown_progid()
    Dim o, num
    On Error Resume Next
    Set o = CreateObject("Imapi2Test.NoSuchClass.1")
    num = Err.Number
    On Error GoTo 0
    ok num = 429, "CreateObject of an unknown ProgID: error " & num & ", expected 429"
End Sub

' The runner's scratch directory is usable from a script.
Sub test_environment()
    Dim sh, fso, tmp, path, f, text
    Set sh = CreateObject("WScript.Shell")
    tmp = sh.Environment("PROCESS")("IMAPI_TEST_TMP_WIN")
    If tmp = "" Then
        skip "IMAPI_TEST_TMP_WIN is not set (not started by run-wine.sh)"
        Exit Sub
    End If
    ok sh.Environment("PROCESS")("IMAPI_WINEPREFIX") <> "", "IMAPI_WINEPREFIX is not set"
    Set fso = CreateObject("Scripting.FileSystemObject")
    ok fso.FolderExists(tmp), "IMAPI_TEST_TMP_WIN " & tmp & " does not exist"
    path = fso.BuildPath(tmp, "selftest-vbs.txt")
    Set f = fso.CreateTextFile(path, True)
    f.Write "imapi"
    f.Close
    Set f = fso.OpenTextFile(path, 1)
    text = f.ReadAll
    f.Close
    ok text = "imapi", "read back """ & text & """"
    fso.DeleteFile path
    ok Not fso.FileExists(path), path & " still exists after DeleteFile"
End Sub

test_dictionary
test_unknown_progid
test_environment
finish
