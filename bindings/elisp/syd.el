;;; syd.el --- Emacs Lisp client of syd's /dev/syd interface -*- lexical-binding: t; -*-

;; This file is served by syd: `syd --el' prints it and /dev/syd.el holds
;; it inside the sandbox.

;;; Commentary:

;; Configure syd, the seccomp sandbox, from an Emacs running inside it.
;; Every function builds one command of the syd(2) command language and
;; runs it by calling stat(2) on "/dev/syd/<command>" (through
;; `file-modes', which calls fstatat without opening the file; Emacs 28's
;; `file-attributes' opens it with O_PATH first); it returns t when syd accepted the command, or the
;; query is true, and nil otherwise.  Outside syd, and whenever the sandbox
;; lock keeps Emacs out (lock:on, or lock:exec when Emacs is not the first
;; process syd ran), every function returns nil.
;;
;;   (load "/dev/syd.el")
;;   (syd-write-add :action-allow "/home/me/notes/***")
;;   (syd-lock :lock-on)
;;
;; Actions are the keywords of `syd-actions' (:action-allow ... :action-exit)
;; and lock states those of `syd-lock-states' (:lock-off ... :lock-on).
;;
;; Emacs expands every file name it stats (`expand-file-name'), which folds
;; "." and ".." components and repeated slashes.  A command that expansion
;; would change is not sent; the function returns nil instead.  Canonical
;; patterns, the only ones a rule can match, are never affected.

;;; Code:

(require 'json)
(require 'seq)

(defconst syd-api-version 3
  "The version of the command API this file speaks.")

(defconst syd-actions
  '((:action-allow . "allow")
    (:action-warn . "warn")
    (:action-filter . "filter")
    (:action-deny . "deny")
    (:action-panic . "panic")
    (:action-stop . "stop")
    (:action-abort . "abort")
    (:action-kill . "kill")
    (:action-exit . "exit"))
  "The actions of rules and defaults, as keywords and command names.")

(defconst syd-lock-states
  '((:lock-off . "off")
    (:lock-exec . "exec")
    (:lock-drop . "drop")
    (:lock-read . "read")
    (:lock-on . "on"))
  "The states of the sandbox lock, as keywords and command names.")

(defun syd--stat (command)
  "Run COMMAND by calling stat(2) on /dev/syd/COMMAND.
An empty COMMAND probes /dev/syd itself.  Return t on success, nil on
failure, and nil without calling stat when Emacs would alter the name."
  (let* ((path (if (string= command "")
                   "/dev/syd"
                 (concat "/dev/syd/" command)))
         (file-name-handler-alist nil))
    (and (string= (expand-file-name path) path)
         (condition-case nil
             (and (file-modes path) t)
           (error nil)))))

(defun syd--default (name action)
  "Set the default action of NAME to the keyword ACTION."
  (let ((a (cdr (assq action syd-actions))))
    (and a (syd--stat (concat "default/" name ":" a)))))

(defun syd--rule (action name op value)
  "Edit the rules of NAME: OP (\"+\", \"-\" or \"^\") ACTION with VALUE."
  (let ((a (cdr (assq action syd-actions))))
    (and a (stringp value)
         (syd--stat (concat a "/" name op value)))))

(defun syd-api ()
  "Return the command API version, 3, when syd answers; nil otherwise."
  (and (syd--stat (number-to-string syd-api-version)) syd-api-version))

(defun syd-check ()
  "Return t when running under syd with /dev/syd available."
  (syd--stat ""))

(defun syd-info ()
  "Return the sandbox state, the JSON document /dev/syd serves, parsed.
Objects become alists with symbol keys, arrays vectors, null nil and
false `:json-false'.  Return nil when the state cannot be read."
  (condition-case nil
      (with-temp-buffer
        (let ((file-name-handler-alist nil))
          (insert-file-contents-literally "/dev/syd"))
        (goto-char (point-min))
        (if (and (fboundp 'json-available-p) (json-available-p))
            (json-parse-buffer :object-type 'alist :array-type 'array
                               :null-object nil :false-object :json-false)
          (let ((json-object-type 'alist)
                (json-array-type 'vector)
                (json-key-type 'symbol)
                (json-false :json-false)
                (json-null nil))
            (json-read))))
    (error nil)))

(defun syd-panic ()
  "Make syd exit at once with status 127, killing the sandbox."
  (syd--stat "panic"))

(defun syd-reset ()
  "Restore the default policy; the lock is kept.
Return t on success, nil on failure."
  (syd--stat "reset"))

(defun syd-stat ()
  "Make syd print its state on its own standard error."
  (syd--stat "stat"))

(defun syd-load (fd)
  "Make syd read commands, one per line, from Emacs's file descriptor FD."
  (and (natnump fd) (syd--stat (format "load/%d" fd))))

(defun syd-lock (state)
  "Set the sandbox lock to STATE, a keyword of `syd-lock-states'.
Return t on success, nil on failure."
  (let ((s (cdr (assq state syd-lock-states))))
    (and s (syd--stat (concat "lock:" s)))))

(defun syd-exec (file argv)
  "Make syd run FILE with the arguments ARGV outside the sandbox.
ARGV is a list of strings, the arguments after the program name.  syd
does not wait for the command.  Return t on success, nil on failure."
  (let ((words (cons file argv)))
    (and (seq-every-p #'stringp words)
         (not (seq-some (lambda (w) (string-match-p "[\x1f\0]" w)) words))
         (syd--stat (concat "cmd/exec!"
                            (mapconcat #'identity words (string #x1f)))))))

(defun syd-ioctl-deny (request)
  "Add the ioctl REQUEST number to the deny list."
  (and (natnump request) (syd--stat (format "ioctl/deny+%d" request))))

(defun syd-force-add (path hash action)
  "Add the verified-execution rule of PATH: its checksum HASH and ACTION.
HASH is hexadecimal; its length selects the algorithm.  ACTION, a keyword
of `syd-actions', is taken when the checksum does not match."
  (let ((a (cdr (assq action syd-actions))))
    (and a (stringp path) (stringp hash)
         (syd--stat (concat "force+" path ":" hash ":" a)))))

(defun syd-force-del (path)
  "Remove the verified-execution rule of PATH."
  (and (stringp path) (syd--stat (concat "force-" path))))

(defun syd-force-clr ()
  "Remove every verified-execution rule."
  (syd--stat "force^"))

(defun syd-mem-max (size)
  "Set the per-process memory limit to SIZE, a string such as \"1G\"."
  (and (stringp size) (syd--stat (concat "mem/max:" size))))

(defun syd-mem-vm-max (size)
  "Set the per-process virtual memory limit to SIZE, such as \"4G\"."
  (and (stringp size) (syd--stat (concat "mem/vm_max:" size))))

(defun syd-pid-max (n)
  "Set the maximum number of tasks to N."
  (and (natnump n) (syd--stat (format "pid/max:%d" n))))

(defun syd-segvguard-expiry (seconds)
  "Count crashes within SECONDS; 0 disables SegvGuard."
  (and (natnump seconds) (syd--stat (format "segvguard/expiry:%d" seconds))))

(defun syd-segvguard-suspension (seconds)
  "Refuse a crashing program for SECONDS."
  (and (natnump seconds)
       (syd--stat (format "segvguard/suspension:%d" seconds))))

(defun syd-segvguard-maxcrashes (n)
  "Suspend a program after N crashes within the expiry window."
  (and (natnump n) (< n 256) (syd--stat (format "segvguard/maxcrashes:%d" n))))

;; Per category, group and feature, generated from syd's category list:
;; syd-enabled-C, syd-enable-C, syd-disable-C, syd-default-C (ACTION),
;; syd-C-add, syd-C-del and syd-C-rem (ACTION GLOB, or ACTION ADDR for the
;; network categories net-bind, net-connect and net-sendfd).

;; BEGIN GENERATED functions: go generate ./bindings

(defun syd-enabled-stat ()
  "Return t when stat sandboxing is on."
  (syd--stat "sandbox/stat?"))

(defun syd-enable-stat ()
  "Turn stat sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/stat:on"))

(defun syd-disable-stat ()
  "Turn stat sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/stat:off"))

(defun syd-default-stat (action)
  "Set the default action of stat sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "stat" action))

(defun syd-stat-add (action glob)
  "Add a rule of stat sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "stat" "+" glob))

(defun syd-stat-del (action glob)
  "Remove the newest rule of stat sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "stat" "-" glob))

(defun syd-stat-rem (action glob)
  "Remove every rule of stat sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "stat" "^" glob))

(defun syd-enabled-read ()
  "Return t when read sandboxing is on."
  (syd--stat "sandbox/read?"))

(defun syd-enable-read ()
  "Turn read sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/read:on"))

(defun syd-disable-read ()
  "Turn read sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/read:off"))

(defun syd-default-read (action)
  "Set the default action of read sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "read" action))

(defun syd-read-add (action glob)
  "Add a rule of read sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "read" "+" glob))

(defun syd-read-del (action glob)
  "Remove the newest rule of read sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "read" "-" glob))

(defun syd-read-rem (action glob)
  "Remove every rule of read sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "read" "^" glob))

(defun syd-enabled-write ()
  "Return t when write sandboxing is on."
  (syd--stat "sandbox/write?"))

(defun syd-enable-write ()
  "Turn write sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/write:on"))

(defun syd-disable-write ()
  "Turn write sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/write:off"))

(defun syd-default-write (action)
  "Set the default action of write sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "write" action))

(defun syd-write-add (action glob)
  "Add a rule of write sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "write" "+" glob))

(defun syd-write-del (action glob)
  "Remove the newest rule of write sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "write" "-" glob))

(defun syd-write-rem (action glob)
  "Remove every rule of write sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "write" "^" glob))

(defun syd-enabled-exec ()
  "Return t when exec sandboxing is on."
  (syd--stat "sandbox/exec?"))

(defun syd-enable-exec ()
  "Turn exec sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/exec:on"))

(defun syd-disable-exec ()
  "Turn exec sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/exec:off"))

(defun syd-default-exec (action)
  "Set the default action of exec sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "exec" action))

(defun syd-exec-add (action glob)
  "Add a rule of exec sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "exec" "+" glob))

(defun syd-exec-del (action glob)
  "Remove the newest rule of exec sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "exec" "-" glob))

(defun syd-exec-rem (action glob)
  "Remove every rule of exec sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "exec" "^" glob))

(defun syd-enabled-ioctl ()
  "Return t when ioctl sandboxing is on."
  (syd--stat "sandbox/ioctl?"))

(defun syd-enable-ioctl ()
  "Turn ioctl sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/ioctl:on"))

(defun syd-disable-ioctl ()
  "Turn ioctl sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/ioctl:off"))

(defun syd-default-ioctl (action)
  "Set the default action of ioctl sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "ioctl" action))

(defun syd-ioctl-add (action glob)
  "Add a rule of ioctl sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "ioctl" "+" glob))

(defun syd-ioctl-del (action glob)
  "Remove the newest rule of ioctl sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "ioctl" "-" glob))

(defun syd-ioctl-rem (action glob)
  "Remove every rule of ioctl sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "ioctl" "^" glob))

(defun syd-enabled-create ()
  "Return t when create sandboxing is on."
  (syd--stat "sandbox/create?"))

(defun syd-enable-create ()
  "Turn create sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/create:on"))

(defun syd-disable-create ()
  "Turn create sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/create:off"))

(defun syd-default-create (action)
  "Set the default action of create sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "create" action))

(defun syd-create-add (action glob)
  "Add a rule of create sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "create" "+" glob))

(defun syd-create-del (action glob)
  "Remove the newest rule of create sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "create" "-" glob))

(defun syd-create-rem (action glob)
  "Remove every rule of create sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "create" "^" glob))

(defun syd-enabled-delete ()
  "Return t when delete sandboxing is on."
  (syd--stat "sandbox/delete?"))

(defun syd-enable-delete ()
  "Turn delete sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/delete:on"))

(defun syd-disable-delete ()
  "Turn delete sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/delete:off"))

(defun syd-default-delete (action)
  "Set the default action of delete sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "delete" action))

(defun syd-delete-add (action glob)
  "Add a rule of delete sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "delete" "+" glob))

(defun syd-delete-del (action glob)
  "Remove the newest rule of delete sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "delete" "-" glob))

(defun syd-delete-rem (action glob)
  "Remove every rule of delete sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "delete" "^" glob))

(defun syd-enabled-rename ()
  "Return t when rename sandboxing is on."
  (syd--stat "sandbox/rename?"))

(defun syd-enable-rename ()
  "Turn rename sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/rename:on"))

(defun syd-disable-rename ()
  "Turn rename sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/rename:off"))

(defun syd-default-rename (action)
  "Set the default action of rename sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "rename" action))

(defun syd-rename-add (action glob)
  "Add a rule of rename sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "rename" "+" glob))

(defun syd-rename-del (action glob)
  "Remove the newest rule of rename sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "rename" "-" glob))

(defun syd-rename-rem (action glob)
  "Remove every rule of rename sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "rename" "^" glob))

(defun syd-enabled-symlink ()
  "Return t when symlink sandboxing is on."
  (syd--stat "sandbox/symlink?"))

(defun syd-enable-symlink ()
  "Turn symlink sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/symlink:on"))

(defun syd-disable-symlink ()
  "Turn symlink sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/symlink:off"))

(defun syd-default-symlink (action)
  "Set the default action of symlink sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "symlink" action))

(defun syd-symlink-add (action glob)
  "Add a rule of symlink sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "symlink" "+" glob))

(defun syd-symlink-del (action glob)
  "Remove the newest rule of symlink sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "symlink" "-" glob))

(defun syd-symlink-rem (action glob)
  "Remove every rule of symlink sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "symlink" "^" glob))

(defun syd-enabled-truncate ()
  "Return t when truncate sandboxing is on."
  (syd--stat "sandbox/truncate?"))

(defun syd-enable-truncate ()
  "Turn truncate sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/truncate:on"))

(defun syd-disable-truncate ()
  "Turn truncate sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/truncate:off"))

(defun syd-default-truncate (action)
  "Set the default action of truncate sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "truncate" action))

(defun syd-truncate-add (action glob)
  "Add a rule of truncate sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "truncate" "+" glob))

(defun syd-truncate-del (action glob)
  "Remove the newest rule of truncate sandboxing equal to ACTION and
GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "truncate" "-" glob))

(defun syd-truncate-rem (action glob)
  "Remove every rule of truncate sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "truncate" "^" glob))

(defun syd-enabled-chdir ()
  "Return t when chdir sandboxing is on."
  (syd--stat "sandbox/chdir?"))

(defun syd-enable-chdir ()
  "Turn chdir sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/chdir:on"))

(defun syd-disable-chdir ()
  "Turn chdir sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/chdir:off"))

(defun syd-default-chdir (action)
  "Set the default action of chdir sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "chdir" action))

(defun syd-chdir-add (action glob)
  "Add a rule of chdir sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chdir" "+" glob))

(defun syd-chdir-del (action glob)
  "Remove the newest rule of chdir sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chdir" "-" glob))

(defun syd-chdir-rem (action glob)
  "Remove every rule of chdir sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chdir" "^" glob))

(defun syd-enabled-readdir ()
  "Return t when readdir sandboxing is on."
  (syd--stat "sandbox/readdir?"))

(defun syd-enable-readdir ()
  "Turn readdir sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/readdir:on"))

(defun syd-disable-readdir ()
  "Turn readdir sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/readdir:off"))

(defun syd-default-readdir (action)
  "Set the default action of readdir sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "readdir" action))

(defun syd-readdir-add (action glob)
  "Add a rule of readdir sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "readdir" "+" glob))

(defun syd-readdir-del (action glob)
  "Remove the newest rule of readdir sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "readdir" "-" glob))

(defun syd-readdir-rem (action glob)
  "Remove every rule of readdir sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "readdir" "^" glob))

(defun syd-enabled-mkdir ()
  "Return t when mkdir sandboxing is on."
  (syd--stat "sandbox/mkdir?"))

(defun syd-enable-mkdir ()
  "Turn mkdir sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/mkdir:on"))

(defun syd-disable-mkdir ()
  "Turn mkdir sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/mkdir:off"))

(defun syd-default-mkdir (action)
  "Set the default action of mkdir sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "mkdir" action))

(defun syd-mkdir-add (action glob)
  "Add a rule of mkdir sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "mkdir" "+" glob))

(defun syd-mkdir-del (action glob)
  "Remove the newest rule of mkdir sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "mkdir" "-" glob))

(defun syd-mkdir-rem (action glob)
  "Remove every rule of mkdir sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "mkdir" "^" glob))

(defun syd-enabled-rmdir ()
  "Return t when rmdir sandboxing is on."
  (syd--stat "sandbox/rmdir?"))

(defun syd-enable-rmdir ()
  "Turn rmdir sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/rmdir:on"))

(defun syd-disable-rmdir ()
  "Turn rmdir sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/rmdir:off"))

(defun syd-default-rmdir (action)
  "Set the default action of rmdir sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "rmdir" action))

(defun syd-rmdir-add (action glob)
  "Add a rule of rmdir sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "rmdir" "+" glob))

(defun syd-rmdir-del (action glob)
  "Remove the newest rule of rmdir sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "rmdir" "-" glob))

(defun syd-rmdir-rem (action glob)
  "Remove every rule of rmdir sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "rmdir" "^" glob))

(defun syd-enabled-chown ()
  "Return t when chown sandboxing is on."
  (syd--stat "sandbox/chown?"))

(defun syd-enable-chown ()
  "Turn chown sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/chown:on"))

(defun syd-disable-chown ()
  "Turn chown sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/chown:off"))

(defun syd-default-chown (action)
  "Set the default action of chown sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "chown" action))

(defun syd-chown-add (action glob)
  "Add a rule of chown sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chown" "+" glob))

(defun syd-chown-del (action glob)
  "Remove the newest rule of chown sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chown" "-" glob))

(defun syd-chown-rem (action glob)
  "Remove every rule of chown sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chown" "^" glob))

(defun syd-enabled-chgrp ()
  "Return t when chgrp sandboxing is on."
  (syd--stat "sandbox/chgrp?"))

(defun syd-enable-chgrp ()
  "Turn chgrp sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/chgrp:on"))

(defun syd-disable-chgrp ()
  "Turn chgrp sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/chgrp:off"))

(defun syd-default-chgrp (action)
  "Set the default action of chgrp sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "chgrp" action))

(defun syd-chgrp-add (action glob)
  "Add a rule of chgrp sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chgrp" "+" glob))

(defun syd-chgrp-del (action glob)
  "Remove the newest rule of chgrp sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chgrp" "-" glob))

(defun syd-chgrp-rem (action glob)
  "Remove every rule of chgrp sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chgrp" "^" glob))

(defun syd-enabled-chmod ()
  "Return t when chmod sandboxing is on."
  (syd--stat "sandbox/chmod?"))

(defun syd-enable-chmod ()
  "Turn chmod sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/chmod:on"))

(defun syd-disable-chmod ()
  "Turn chmod sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/chmod:off"))

(defun syd-default-chmod (action)
  "Set the default action of chmod sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "chmod" action))

(defun syd-chmod-add (action glob)
  "Add a rule of chmod sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chmod" "+" glob))

(defun syd-chmod-del (action glob)
  "Remove the newest rule of chmod sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chmod" "-" glob))

(defun syd-chmod-rem (action glob)
  "Remove every rule of chmod sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chmod" "^" glob))

(defun syd-enabled-chattr ()
  "Return t when chattr sandboxing is on."
  (syd--stat "sandbox/chattr?"))

(defun syd-enable-chattr ()
  "Turn chattr sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/chattr:on"))

(defun syd-disable-chattr ()
  "Turn chattr sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/chattr:off"))

(defun syd-default-chattr (action)
  "Set the default action of chattr sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "chattr" action))

(defun syd-chattr-add (action glob)
  "Add a rule of chattr sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chattr" "+" glob))

(defun syd-chattr-del (action glob)
  "Remove the newest rule of chattr sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chattr" "-" glob))

(defun syd-chattr-rem (action glob)
  "Remove every rule of chattr sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chattr" "^" glob))

(defun syd-enabled-chroot ()
  "Return t when chroot sandboxing is on."
  (syd--stat "sandbox/chroot?"))

(defun syd-enable-chroot ()
  "Turn chroot sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/chroot:on"))

(defun syd-disable-chroot ()
  "Turn chroot sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/chroot:off"))

(defun syd-default-chroot (action)
  "Set the default action of chroot sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "chroot" action))

(defun syd-chroot-add (action glob)
  "Add a rule of chroot sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chroot" "+" glob))

(defun syd-chroot-del (action glob)
  "Remove the newest rule of chroot sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chroot" "-" glob))

(defun syd-chroot-rem (action glob)
  "Remove every rule of chroot sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "chroot" "^" glob))

(defun syd-enabled-utime ()
  "Return t when utime sandboxing is on."
  (syd--stat "sandbox/utime?"))

(defun syd-enable-utime ()
  "Turn utime sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/utime:on"))

(defun syd-disable-utime ()
  "Turn utime sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/utime:off"))

(defun syd-default-utime (action)
  "Set the default action of utime sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "utime" action))

(defun syd-utime-add (action glob)
  "Add a rule of utime sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "utime" "+" glob))

(defun syd-utime-del (action glob)
  "Remove the newest rule of utime sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "utime" "-" glob))

(defun syd-utime-rem (action glob)
  "Remove every rule of utime sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "utime" "^" glob))

(defun syd-enabled-mkdev ()
  "Return t when mkdev sandboxing is on."
  (syd--stat "sandbox/mkdev?"))

(defun syd-enable-mkdev ()
  "Turn mkdev sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/mkdev:on"))

(defun syd-disable-mkdev ()
  "Turn mkdev sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/mkdev:off"))

(defun syd-default-mkdev (action)
  "Set the default action of mkdev sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "mkdev" action))

(defun syd-mkdev-add (action glob)
  "Add a rule of mkdev sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "mkdev" "+" glob))

(defun syd-mkdev-del (action glob)
  "Remove the newest rule of mkdev sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "mkdev" "-" glob))

(defun syd-mkdev-rem (action glob)
  "Remove every rule of mkdev sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "mkdev" "^" glob))

(defun syd-enabled-mkfifo ()
  "Return t when mkfifo sandboxing is on."
  (syd--stat "sandbox/mkfifo?"))

(defun syd-enable-mkfifo ()
  "Turn mkfifo sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/mkfifo:on"))

(defun syd-disable-mkfifo ()
  "Turn mkfifo sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/mkfifo:off"))

(defun syd-default-mkfifo (action)
  "Set the default action of mkfifo sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "mkfifo" action))

(defun syd-mkfifo-add (action glob)
  "Add a rule of mkfifo sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "mkfifo" "+" glob))

(defun syd-mkfifo-del (action glob)
  "Remove the newest rule of mkfifo sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "mkfifo" "-" glob))

(defun syd-mkfifo-rem (action glob)
  "Remove every rule of mkfifo sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "mkfifo" "^" glob))

(defun syd-enabled-mktemp ()
  "Return t when mktemp sandboxing is on."
  (syd--stat "sandbox/mktemp?"))

(defun syd-enable-mktemp ()
  "Turn mktemp sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/mktemp:on"))

(defun syd-disable-mktemp ()
  "Turn mktemp sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/mktemp:off"))

(defun syd-default-mktemp (action)
  "Set the default action of mktemp sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "mktemp" action))

(defun syd-mktemp-add (action glob)
  "Add a rule of mktemp sandboxing: ACTION for paths matching GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "mktemp" "+" glob))

(defun syd-mktemp-del (action glob)
  "Remove the newest rule of mktemp sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "mktemp" "-" glob))

(defun syd-mktemp-rem (action glob)
  "Remove every rule of mktemp sandboxing equal to ACTION and GLOB.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "mktemp" "^" glob))

(defun syd-enabled-net-bind ()
  "Return t when net/bind sandboxing is on."
  (syd--stat "sandbox/net/bind?"))

(defun syd-enable-net-bind ()
  "Turn net/bind sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/net/bind:on"))

(defun syd-disable-net-bind ()
  "Turn net/bind sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/net/bind:off"))

(defun syd-default-net-bind (action)
  "Set the default action of net/bind sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "net/bind" action))

(defun syd-net-bind-add (action addr)
  "Add a rule of net/bind sandboxing: ACTION for the address ADDR.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "net/bind" "+" addr))

(defun syd-net-bind-del (action addr)
  "Remove the newest rule of net/bind sandboxing equal to ACTION and
ADDR.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "net/bind" "-" addr))

(defun syd-net-bind-rem (action addr)
  "Remove every rule of net/bind sandboxing equal to ACTION and ADDR.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "net/bind" "^" addr))

(defun syd-enabled-net-connect ()
  "Return t when net/connect sandboxing is on."
  (syd--stat "sandbox/net/connect?"))

(defun syd-enable-net-connect ()
  "Turn net/connect sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/net/connect:on"))

(defun syd-disable-net-connect ()
  "Turn net/connect sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/net/connect:off"))

(defun syd-default-net-connect (action)
  "Set the default action of net/connect sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "net/connect" action))

(defun syd-net-connect-add (action addr)
  "Add a rule of net/connect sandboxing: ACTION for the address ADDR.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "net/connect" "+" addr))

(defun syd-net-connect-del (action addr)
  "Remove the newest rule of net/connect sandboxing equal to ACTION and
ADDR.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "net/connect" "-" addr))

(defun syd-net-connect-rem (action addr)
  "Remove every rule of net/connect sandboxing equal to ACTION and ADDR.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "net/connect" "^" addr))

(defun syd-enabled-net-sendfd ()
  "Return t when net/sendfd sandboxing is on."
  (syd--stat "sandbox/net/sendfd?"))

(defun syd-enable-net-sendfd ()
  "Turn net/sendfd sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/net/sendfd:on"))

(defun syd-disable-net-sendfd ()
  "Turn net/sendfd sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/net/sendfd:off"))

(defun syd-default-net-sendfd (action)
  "Set the default action of net/sendfd sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "net/sendfd" action))

(defun syd-net-sendfd-add (action addr)
  "Add a rule of net/sendfd sandboxing: ACTION for the address ADDR.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "net/sendfd" "+" addr))

(defun syd-net-sendfd-del (action addr)
  "Remove the newest rule of net/sendfd sandboxing equal to ACTION and
ADDR.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "net/sendfd" "-" addr))

(defun syd-net-sendfd-rem (action addr)
  "Remove every rule of net/sendfd sandboxing equal to ACTION and ADDR.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--rule action "net/sendfd" "^" addr))

(defun syd-enabled-net ()
  "Return t when network sandboxing (net/bind, net/connect and
net/sendfd) is on."
  (syd--stat "sandbox/net?"))

(defun syd-enable-net ()
  "Turn network sandboxing (net/bind, net/connect and net/sendfd) on.
Return t on success, nil on failure."
  (syd--stat "sandbox/net:on"))

(defun syd-disable-net ()
  "Turn network sandboxing (net/bind, net/connect and net/sendfd) off.
Return t on success, nil on failure."
  (syd--stat "sandbox/net:off"))

(defun syd-default-net (action)
  "Set the default action of network sandboxing (net/bind, net/connect
and net/sendfd) to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "net" action))

(defun syd-enabled-lock ()
  "Return t when Landlock sandboxing is on."
  (syd--stat "sandbox/lock?"))

(defun syd-enabled-mem ()
  "Return t when memory sandboxing is on."
  (syd--stat "sandbox/mem?"))

(defun syd-enable-mem ()
  "Turn memory sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/mem:on"))

(defun syd-disable-mem ()
  "Turn memory sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/mem:off"))

(defun syd-default-mem (action)
  "Set the default action of memory sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "mem" action))

(defun syd-enabled-pid ()
  "Return t when PID sandboxing is on."
  (syd--stat "sandbox/pid?"))

(defun syd-enable-pid ()
  "Turn PID sandboxing on.
Return t on success, nil on failure."
  (syd--stat "sandbox/pid:on"))

(defun syd-disable-pid ()
  "Turn PID sandboxing off.
Return t on success, nil on failure."
  (syd--stat "sandbox/pid:off"))

(defun syd-default-pid (action)
  "Set the default action of PID sandboxing to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "pid" action))

(defun syd-enabled-force ()
  "Return t when verified execution (force sandboxing) is on."
  (syd--stat "sandbox/force?"))

(defun syd-enable-force ()
  "Turn verified execution (force sandboxing) on.
Return t on success, nil on failure."
  (syd--stat "sandbox/force:on"))

(defun syd-disable-force ()
  "Turn verified execution (force sandboxing) off.
Return t on success, nil on failure."
  (syd--stat "sandbox/force:off"))

(defun syd-default-force (action)
  "Set the default action of verified execution (force sandboxing) to
ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "force" action))

(defun syd-enabled-tpe ()
  "Return t when trusted path execution is on."
  (syd--stat "sandbox/tpe?"))

(defun syd-enable-tpe ()
  "Turn trusted path execution on.
Return t on success, nil on failure."
  (syd--stat "sandbox/tpe:on"))

(defun syd-disable-tpe ()
  "Turn trusted path execution off.
Return t on success, nil on failure."
  (syd--stat "sandbox/tpe:off"))

(defun syd-default-tpe (action)
  "Set the default action of trusted path execution to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "tpe" action))

(defun syd-enabled-crypt ()
  "Return t when transparent file encryption (crypt sandboxing) is on."
  (syd--stat "sandbox/crypt?"))

(defun syd-enabled-proxy ()
  "Return t when SOCKS proxy forwarding is on."
  (syd--stat "sandbox/proxy?"))

(defun syd-default-segvguard (action)
  "Set the default action of SegvGuard to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "segvguard" action))

(defun syd-default-block (action)
  "Set the default action of the IP block list to ACTION.
ACTION is one of the keywords of `syd-actions'.
Return t on success, nil on failure."
  (syd--default "block" action))

;; END GENERATED functions

(provide 'syd)

;;; syd.el ends here
