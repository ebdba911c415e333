;;; syd-tests.el --- ERT tests of syd.el, run inside syd -*- lexical-binding: t; -*-

;;; Commentary:

;; These tests talk to a real syd.  Run them with Emacs as the first process
;; syd runs, write, create and truncate sandboxing on, everything else off,
;; and lock:exec; SYD_TEST_DIR names an empty directory they write into:
;;
;;   syd -msandbox/all,net:off -msandbox/write,create,truncate:on -mlock:exec \
;;     -- emacs -Q --batch -L . -l syd-tests \
;;        --eval '(ert-run-tests-batch-and-exit (quote (not (tag lock))))'
;;
;; The tests tagged `lock' end the interface for good: run each of them
;; alone, in a fresh syd, with the selector (tag lock-on), (tag lock-drop)
;; or (tag lock-read).  Every rule a test adds it removes again.

;;; Code:

(require 'ert)
(require 'seq)
(require 'syd)

(defvar syd-test-dir (getenv "SYD_TEST_DIR")
  "The directory the tests write into.")

(defun syd-test--glob ()
  "Return the glob of everything below `syd-test-dir'."
  (concat syd-test-dir "/***"))

(defun syd-test--write (name)
  "Write the file NAME below `syd-test-dir'; return t when it worked."
  (let ((create-lockfiles nil)
        (file (expand-file-name name syd-test-dir)))
    (condition-case nil
        (progn (write-region "x\n" nil file nil 'silent) t)
      (file-error nil))))

(defconst syd-test--write-cats
  '((syd-write-add syd-write-del syd-write-rem)
    (syd-create-add syd-create-del syd-create-rem)
    (syd-truncate-add syd-truncate-del syd-truncate-rem))
  "The add, del and rem functions of the categories a file write needs.")

(defun syd-test--rules (which action glob)
  "Call the WHICH (0 add, 1 del, 2 rem) function of every write category.
Pass ACTION and GLOB; return t when all of them succeeded."
  (seq-every-p (lambda (fns) (funcall (nth which fns) action glob))
               syd-test--write-cats))

(ert-deftest syd-test-api-check ()
  (should (eq (syd-api) 3))
  (should (eq (syd-check) t)))

(ert-deftest syd-test-enabled ()
  (should (eq (syd-enabled-write) t))
  (should (syd-enabled-create))
  (should-not (syd-enabled-read))
  (should-not (syd-enabled-net))
  (should-not (syd-enabled-mem)))

(ert-deftest syd-test-enable-disable ()
  (should-not (syd-test--write "switch1"))
  (should (syd-disable-write))
  (should (syd-disable-create))
  (should (syd-disable-truncate))
  (should-not (syd-enabled-write))
  (should (syd-test--write "switch1"))
  (should (syd-enable-write))
  (should (syd-enable-create))
  (should (syd-enable-truncate))
  (should (syd-enabled-write))
  (should-not (syd-test--write "switch2"))
  (should (syd-enable-read))
  (should (syd-enabled-read))
  (should (syd-disable-read))
  (should-not (syd-enabled-read)))

(ert-deftest syd-test-add-del-rem ()
  (let ((glob (syd-test--glob)))
    (should-not (syd-test--write "rule1"))
    (should (syd-test--rules 0 :action-allow glob))
    (should (syd-test--write "rule1"))
    (should (syd-write-del :action-allow glob))
    (should-not (syd-test--write "rule2"))
    (should (syd-write-add :action-allow glob))
    (should (syd-write-add :action-allow glob))
    (should (syd-test--write "rule2"))
    (should (syd-write-rem :action-allow glob))
    (should-not (syd-test--write "rule3"))
    (should (syd-test--rules 2 :action-allow glob))))

(ert-deftest syd-test-deny-wins-when-later ()
  (let ((glob (syd-test--glob))
        (file (concat syd-test-dir "/denied")))
    (should (syd-test--rules 0 :action-allow glob))
    (should (syd-test--write "denied"))
    (should (syd-write-add :action-deny file))
    (should-not (syd-test--write "denied"))
    (should (syd-write-del :action-deny file))
    (should (syd-test--write "denied"))
    (should (syd-write-add :action-filter file))
    (should-not (syd-test--write "denied"))
    (should (syd-write-rem :action-filter file))
    (should (syd-test--rules 2 :action-allow glob))
    (should-not (syd-test--write "denied"))))

(ert-deftest syd-test-default ()
  (dolist (f '(syd-default-write syd-default-create syd-default-truncate))
    (should (funcall f :action-allow)))
  (should (syd-test--write "default1"))
  (dolist (f '(syd-default-write syd-default-create syd-default-truncate))
    (should (funcall f :action-deny)))
  (should-not (syd-test--write "default2")))

(ert-deftest syd-test-bad-arguments ()
  (let ((glob (syd-test--glob)))
    (should-not (syd-write-add :action-bogus glob))
    (should-not (syd-write-add 3 glob))
    (should-not (syd-write-add :action-allow nil))
    (should-not (syd-write-add :action-allow "relative/path"))
    (should-not (syd-default-write :lock-on))
    (should-not (syd-lock :lock-bogus))
    (should-not (syd-pid-max -1))
    (should-not (syd-segvguard-maxcrashes 256))
    (should-not (syd-exec "/bin/true" (list (concat "a" (string #x1f) "b"))))
    ;; Emacs would fold "/../": the command is not sent at all.
    (should-not (syd-write-add :action-allow (concat syd-test-dir "/a/../b")))
    (should-not (syd-test--write "bad"))))

(ert-deftest syd-test-info ()
  (let ((glob (syd-test--glob)))
    (should (syd-write-add :action-allow glob))
    (let ((info (syd-info)))
      (should (equal (alist-get 'lock info) "exec"))
      (should (eq (alist-get 'api info) 3))
      (should (eq (alist-get 'write (alist-get 'sandbox info)) t))
      (should (eq (alist-get 'read (alist-get 'sandbox info)) :json-false))
      (should (seq-some (lambda (r) (and (equal (alist-get 'pat r) glob)
                                         (equal (alist-get 'act r) "allow")
                                         (equal (alist-get 'cap r) "write")))
                        (alist-get 'rules info))))
    (should (syd-write-del :action-allow glob))
    (should-not (seq-some (lambda (r) (equal (alist-get 'pat r) glob))
                          (alist-get 'rules (syd-info))))))

(ert-deftest syd-test-net-and-settings ()
  (should (syd-net-connect-add :action-allow "127.0.0.1!80"))
  (should (syd-net-connect-del :action-allow "127.0.0.1!80"))
  (should (syd-net-bind-add :action-deny "LOOPBACK@0"))
  (should (syd-net-bind-rem :action-deny "LOOPBACK@0"))
  (should (syd-net-sendfd-add :action-allow "/tmp/socket"))
  (should (syd-net-sendfd-rem :action-allow "/tmp/socket"))
  (should-not (syd-net-sendfd-add :action-allow "127.0.0.1!80"))
  (should (syd-default-net :action-deny))
  (should (syd-default-segvguard :action-kill))
  ;; The memory and task limits are the kernel's, fixed at start (EBUSY).
  (should-not (syd-mem-max "1G"))
  (should-not (syd-mem-vm-max "4G"))
  (should-not (syd-pid-max 64))
  (should (syd-ioctl-deny #x5412))
  (should (syd-force-add "/bin/true" "00000000" :action-kill))
  (should (syd-force-del "/bin/true"))
  (should (syd-force-clr))
  (should (syd-segvguard-expiry 120))
  (should (syd-segvguard-suspension 600))
  (should (syd-segvguard-maxcrashes 5))
  (should-not (syd-enable-mem))
  (should-not (syd-enabled-mem))
  (should-not (syd-disable-mem))
  (should-not (syd-enabled-crypt)))

(ert-deftest syd-test-exec ()
  (let ((file (concat syd-test-dir "/outside")))
    (should-not (syd-test--write "outside"))
    (should (syd-exec "/bin/sh" (list "-c" (concat "echo x >" file))))
    (let ((tries 0))
      (while (and (not (file-exists-p file)) (< tries 100))
        (sleep-for 0.05)
        (setq tries (1+ tries))))
    (should (file-exists-p file))))

(ert-deftest syd-test-lock-on ()
  :tags '(lock lock-on)
  (should (syd-lock :lock-exec))
  (should (syd-lock :lock-on))
  (should-not (syd-check))
  (should-not (syd-api))
  (should-not (syd-info))
  (should-not (syd-enabled-write))
  (should-not (syd-test--rules 0 :action-allow (syd-test--glob)))
  (should-not (syd-lock :lock-off))
  (should-not (syd-test--write "locked")))

(ert-deftest syd-test-lock-drop ()
  :tags '(lock lock-drop)
  (let ((glob (syd-test--glob)))
    (should (syd-lock :lock-drop))
    (should (syd-check))
    (should-not (syd-write-add :action-allow glob))
    (should (syd-write-add :action-deny glob))
    (should (syd-enable-chroot))
    (should-not (syd-disable-chroot))
    (should-not (syd-lock :lock-off))
    (should (equal (alist-get 'lock (syd-info)) "drop"))
    (should (syd-lock :lock-on))
    (should-not (syd-check))))

(ert-deftest syd-test-lock-read ()
  :tags '(lock lock-read)
  (should (syd-lock :lock-read))
  (should (syd-check))
  (should (syd-enabled-write))
  (should-not (syd-enable-read))
  (should-not (syd-write-add :action-allow (syd-test--glob)))
  (should (equal (alist-get 'lock (syd-info)) "read"))
  (should-not (syd-lock :lock-off)))

(provide 'syd-tests)

;;; syd-tests.el ends here
