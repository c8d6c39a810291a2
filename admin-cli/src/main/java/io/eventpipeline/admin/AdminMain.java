package io.eventpipeline.admin;

/** {@code ./admin}: runs one command and exits with its code. */
public final class AdminMain {

    private AdminMain() {
    }

    public static void main(String[] args) {
        System.exit(AdminCli.run(args, System::getenv, System.out, System.err));
    }
}
